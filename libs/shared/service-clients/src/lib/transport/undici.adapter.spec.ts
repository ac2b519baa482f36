import axios, { AxiosError, isCancel, type AxiosInstance } from 'axios';
import { DownstreamStub, json } from '../../test/downstream-stub';
import { UndiciAdapter } from './undici.adapter';

describe('UndiciAdapter', () => {
  let stub: DownstreamStub;
  let transport: UndiciAdapter;
  let http: AxiosInstance;

  beforeAll(async () => {
    stub = await DownstreamStub.start();
  });

  beforeEach(() => {
    stub.reset((_req, res) => json(res, 200, { ok: true }));
    transport = new UndiciAdapter({ connections: 4, origins: [stub.url] });
    http = axios.create({
      baseURL: stub.url,
      adapter: transport.adapter,
      timeout: 2_000,
      maxRedirects: 0,
      allowAbsoluteUrls: false,
      responseType: 'json',
      transitional: { silentJSONParsing: false, forcedJSONParsing: true, clarifyTimeoutError: true },
    });
  });

  afterEach(async () => {
    await transport.close();
  });

  afterAll(async () => {
    await stub.stop();
  });

  it('returns the status, headers and parsed body, and sends method, path, headers and body', async () => {
    stub.handle((_req, res, received) => {
      res.setHeader('x-stub', 'yes');
      json(res, 201, { echo: JSON.parse(received.body) as unknown });
    });

    const response = await http.post('/echo?x=1', { a: 1 }, { headers: { 'x-request-id': 'req-1' } });

    expect(response.status).toBe(201);
    expect(response.headers['x-stub']).toBe('yes');
    expect(response.data).toEqual({ echo: { a: 1 } });
    expect(stub.requests[0]).toMatchObject({
      method: 'POST',
      url: '/echo?x=1',
      body: '{"a":1}',
      headers: expect.objectContaining({ 'x-request-id': 'req-1', 'content-type': 'application/json' }),
    });
  });

  it('serialises params as axios does', async () => {
    await http.get('/search', { params: { q: 'a b', n: 1, skip: undefined } });

    expect(stub.requests[0].url).toBe('/search?q=a+b&n=1');
  });

  it('rejects a status validateStatus refuses, with the response attached', async () => {
    stub.handle((_req, res) => json(res, 503, { error: 'down' }));

    const error = await http.get('/x').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AxiosError);
    expect(error).toMatchObject({
      code: 'ERR_BAD_RESPONSE',
      response: { status: 503, data: { error: 'down' } },
    });
  });

  it('resolves a status a custom validateStatus accepts', async () => {
    stub.handle((_req, res) => json(res, 404, { missing: true }));

    const response = await http.get('/x', { validateStatus: (status) => status === 404 });

    expect(response).toMatchObject({ status: 404, data: { missing: true } });
  });

  it('never follows a redirect', async () => {
    stub.handle((req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, { location: '/target' }).end();
        return;
      }
      json(res, 200, { followed: true });
    });

    await expect(http.get('/moved')).rejects.toMatchObject({
      code: 'ERR_BAD_RESPONSE',
      response: { status: 302 },
    });
    expect(stub.requests.map((r) => r.url)).toEqual(['/moved']);
  });

  it('fails on a body that is not valid JSON, with the response attached', async () => {
    stub.handle((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"truncated":'),
    );

    await expect(http.get('/x')).rejects.toMatchObject({
      code: 'ERR_BAD_RESPONSE',
      response: { status: 200 },
    });
  });

  it('cuts off a streamed body larger than maxContentLength and closes the connection', async () => {
    stub.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[' + '1,'.repeat(4_096));
      // Keep the response open: only the client's limit can end this call.
    });

    const error = await http.get('/big', { maxContentLength: 1_024 }).catch((e: unknown) => e);

    expect(error).toMatchObject({
      code: 'ERR_BAD_RESPONSE',
      message: 'maxContentLength size of 1024 exceeded',
    });
    expect(error).toHaveProperty('response.status', 200);
    await stub.requests[0].socketClosed;
  });

  it('refuses a body whose declared length exceeds maxContentLength without reading it', async () => {
    stub.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"blob":"');
    });

    await expect(http.get('/big', { maxContentLength: 1_024 })).rejects.toMatchObject({
      code: 'ERR_BAD_RESPONSE',
      message: 'maxContentLength size of 1024 exceeded',
    });
    await stub.requests[0].socketClosed;
  });

  it('times out and closes the connection so the downstream sees the caller give up', async () => {
    stub.handle(() => undefined);

    const error = await http.get('/slow', { timeout: 50 }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'ETIMEDOUT', message: 'timeout of 50ms exceeded' });
    expect(error).not.toHaveProperty('response', expect.anything());
    await stub.requests[0].socketClosed;
  });

  it('uses ECONNABORTED for a timeout unless clarifyTimeoutError is set, as axios does', async () => {
    stub.handle(() => undefined);

    await expect(
      http.get('/slow', { timeout: 20, transitional: { clarifyTimeoutError: false } }),
    ).rejects.toMatchObject({
      code: 'ECONNABORTED',
    });
  });

  it("aborts on the caller's signal and closes the connection", async () => {
    stub.handle(() => undefined);
    const controller = new AbortController();

    const pending = http.get('/slow', { signal: controller.signal }).catch((e: unknown) => e);
    await waitFor(() => stub.requests.length === 1);
    controller.abort();

    expect(isCancel(await pending)).toBe(true);
    await stub.requests[0].socketClosed;
  });

  it('reuses one keep-alive connection for sequential calls', async () => {
    for (let i = 0; i < 10; i++) {
      await http.get(`/n/${i}`);
      // As between two inbound requests: undici waits one event-loop turn before reusing a socket.
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(stub.requests).toHaveLength(10);
    expect(stub.connections).toBe(1);
  });

  it('reuses at most two connections for back-to-back calls', async () => {
    for (let i = 0; i < 10; i++) await http.get(`/n/${i}`);

    expect(stub.requests).toHaveLength(10);
    expect(stub.connections).toBeLessThanOrEqual(2);
  });

  it('opens no more connections than allowed, queueing the rest', async () => {
    const bounded = new UndiciAdapter({ connections: 2 });
    stub.handle((_req, res) => setTimeout(() => json(res, 200, {}), 20));

    await Promise.all(Array.from({ length: 6 }, (_, i) => http.get(`/q/${i}`, { adapter: bounded.adapter })));
    await bounded.close();

    expect(stub.requests).toHaveLength(6);
    expect(stub.connections).toBe(2);
  });

  it('refuses an origin it was not given, without connecting', async () => {
    const other = await DownstreamStub.start();
    try {
      await expect(
        http.get(`${other.url}/steal`, { baseURL: undefined, allowAbsoluteUrls: true }),
      ).rejects.toMatchObject({ code: 'ERR_BAD_REQUEST', message: 'Request origin is not allowed' });
      expect(other.connections).toBe(0);
    } finally {
      await other.stop();
    }
  });

  it('keeps an absolute URL under the base URL when allowAbsoluteUrls is false', async () => {
    await http.get('http://example.com/x');

    expect(stub.requests[0].url).toBe('/http://example.com/x');
  });

  it('reports a connection reset before any response without a response', async () => {
    stub.handle((req) => req.socket.destroy());

    const error = await http.get('/reset').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AxiosError);
    expect((error as AxiosError).response).toBeUndefined();
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain((error as AxiosError).code);
  });

  it('reports a connection reset in the middle of the body as a bad response', async () => {
    stub.handle((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"partial":');
      setTimeout(() => req.socket.destroy(), 5);
    });

    await expect(http.get('/cut')).rejects.toMatchObject({
      code: 'ERR_BAD_RESPONSE',
      response: { status: 200 },
    });
  });

  it('returns raw bytes for responseType arraybuffer', async () => {
    const response = await http.get<Buffer>('/x', { responseType: 'arraybuffer' });

    expect(Buffer.isBuffer(response.data)).toBe(true);
    expect(response.data.toString()).toBe('{"ok":true}');
  });

  it('refuses calls once closed', async () => {
    await transport.close();

    await expect(http.get('/x')).rejects.toMatchObject({ code: 'UND_ERR_CLOSED' });
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}
