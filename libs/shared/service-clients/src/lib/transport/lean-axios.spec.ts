import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { DownstreamStub, json } from '../../test/downstream-stub';
import { downstreamOptions } from '../../test/downstream-options';
import { downstreamAxiosConfig } from './downstream-axios.config';
import { leanAxios } from './lean-axios';
import { UndiciAdapter } from './undici.adapter';

/** What a caller can observe of one call's outcome. */
async function outcome(http: AxiosInstance, config: AxiosRequestConfig) {
  try {
    const response = await http.request(config);
    return { ok: true, status: response.status, data: response.data as unknown, contentType: response.headers['content-type'] };
  } catch (error) {
    const e = error as AxiosError;
    return {
      ok: false,
      type: e.constructor.name,
      code: e.code,
      message: e.message,
      status: e.response?.status,
      data: e.response?.data,
      hasRequest: e.request !== undefined,
    };
  }
}

describe('leanAxios', () => {
  let stub: DownstreamStub;
  let transport: UndiciAdapter;
  let full: AxiosInstance;
  let lean: AxiosInstance;
  /** Calls that reached the axios adapter, which only the full road uses. */
  let fullRoadCalls: number;

  beforeAll(async () => {
    stub = await DownstreamStub.start();
  });

  beforeEach(() => {
    stub.reset((_req, res) => json(res, 200, { ok: true }));
    transport = new UndiciAdapter({ connections: 4, origins: [stub.url] });
    fullRoadCalls = 0;
    const countingAdapter: typeof transport.adapter = (config) => {
      fullRoadCalls++;
      return transport.adapter(config);
    };
    const defaults = downstreamAxiosConfig({ ...downstreamOptions(stub.url), maxResponseBytes: 1_024 }, countingAdapter);
    full = axios.create(defaults);
    lean = leanAxios(defaults, transport);
  });

  afterEach(async () => {
    await transport.close();
  });

  afterAll(async () => {
    await stub.stop();
  });

  /** Each case runs on both roads against the same stub; the outcomes must be identical. */
  const cases: [string, (req: unknown, res: import('node:http').ServerResponse) => void, AxiosRequestConfig][] = [
    ['a JSON 200', (_q, res) => json(res, 200, { id: '1' }), { method: 'GET', url: '/products/1' }],
    ['an empty 200', (_q, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(), { method: 'GET', url: '/x' }],
    ['a 404 with a JSON body', (_q, res) => json(res, 404, { missing: true }), { method: 'GET', url: '/x' }],
    ['a 503 with a JSON body', (_q, res) => json(res, 503, { down: true }), { method: 'GET', url: '/x' }],
    ['a 500 whose body is not JSON', (_q, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('oops'), { method: 'GET', url: '/x' }],
    ['a 200 whose body is not JSON', (_q, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{nope'), { method: 'GET', url: '/x' }],
    ['a body over maxContentLength', (_q, res) => json(res, 200, { big: 'x'.repeat(2_000) }), { method: 'GET', url: '/x' }],
    ['a gzip-encoded body', (_q, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('zz'), { method: 'GET', url: '/x' }],
    ['a redirect', (_q, res) => res.writeHead(302, { location: 'http://example.com/' }).end(), { method: 'GET', url: '/x' }],
    ['a POST with a JSON body', (_q, res) => json(res, 201, { created: true }), { method: 'POST', url: '/reviews', data: { a: 1 } }],
    ['a timeout', () => undefined, { method: 'GET', url: '/hang', timeout: 50 }],
  ];

  it.each(cases)('answers %s exactly as the full axios road does', async (_label, handler, config) => {
    stub.handle(handler);
    const viaFull = await outcome(full, config);
    const viaLean = await outcome(lean, { ...config, headers: { 'x-request-id': 'r-1' } });
    expect(viaLean).toEqual(viaFull);
  });

  it('sends the same method, path, body and headers as the full road', async () => {
    await full.request({ method: 'POST', url: '/reviews', data: { a: 1 }, headers: { 'x-request-id': 'r-1' } });
    await lean.request({ method: 'POST', url: '/reviews', data: { a: 1 }, headers: { 'x-request-id': 'r-1' } });
    const [viaFull, viaLean] = stub.requests;
    expect(viaLean.method).toBe(viaFull.method);
    expect(viaLean.url).toBe(viaFull.url);
    expect(viaLean.body).toBe(viaFull.body);
    for (const name of ['accept', 'content-type', 'x-request-id', 'content-length']) {
      expect(viaLean.headers[name]).toBe(viaFull.headers[name]);
    }
  });

  it('aborts on the caller signal like the full road, closing the connection', async () => {
    stub.handle(() => undefined);
    const controller = new AbortController();
    const pending = lean.request({ method: 'GET', url: '/hang', signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await pending.catch((e: unknown) => e);
    expect(axios.isCancel(error)).toBe(true);
  });

  it('takes the lean road only for the calls it can answer alike, and axios itself for the rest', async () => {
    await lean.request({ method: 'GET', url: '/x', headers: { 'x-request-id': 'r-1' } });
    expect(fullRoadCalls).toBe(0);

    await lean.request({ method: 'GET', url: '/x', params: { q: 1 } });
    await lean.request({ method: 'GET', url: '//elsewhere.example/x' }).catch(() => undefined);
    await lean.request({ method: 'GET', url: '/x', headers: { Accept: 'text/plain' } }).catch(() => undefined);
    lean.interceptors.request.use((config) => config);
    await lean.request({ method: 'GET', url: '/x' });
    expect(fullRoadCalls).toBe(4);
    // allowAbsoluteUrls: false keeps even a protocol-relative URL under the base URL, on either road.
    expect(stub.requests.map((request) => request.url)).toEqual(['/x', '/x?q=1', '/elsewhere.example/x', '/x', '/x']);
  });
});
