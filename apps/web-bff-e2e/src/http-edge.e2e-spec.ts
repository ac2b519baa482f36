import { AppProcess, TestAuth, rawExchange, request } from '@bff/testing';
import { connect, type Socket } from 'node:net';

/**
 * The HTTP edge of the web gateway, driven over raw sockets where a well-behaved
 * client (fetch) cannot send what is being tested: slow or malformed requests,
 * duplicate or invalid `Host` headers, HTTP/0.9, and more connections than allowed.
 * No downstream service runs: every answer here is the gateway's own.
 */
const PROBLEM = /^application\/problem\+json/;
const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 1_500;
const MAX_CONNECTIONS = 3;

interface RawExchange {
  /** Everything the server sent before it closed the connection (or the wait ended). */
  text: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection. */
  closed: boolean;
}

/** Writes `raw`, then reads until the server closes the connection or `waitMs` passes. */
async function exchange(url: string, raw: string, waitMs = 5_000): Promise<RawExchange> {
  const { text, closed } = await rawExchange(url, raw, waitMs);
  return parseResponse(text, closed);
}

function parseResponse(text: string, closed: boolean): RawExchange {
  const [head = '', body = ''] = text.split('\r\n\r\n', 2);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { text, status: Number(statusLine.split(' ')[1] ?? 0), headers, body, closed };
}

function expectSecurityHeaders(headers: Headers | Record<string, string>): void {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]);
  expect(get('x-content-type-options')).toBe('nosniff');
  expect(get('referrer-policy')).toBe('no-referrer');
  expect(get('x-frame-options')).toBe('DENY');
  expect(get('content-security-policy')).toContain("frame-ancestors 'none'");
}

function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('web-bff HTTP edge', () => {
  const auth = new TestAuth();
  let bff: AppProcess;

  beforeAll(async () => {
    bff = await AppProcess.start('web-bff', {
      ...auth.env(),
      RESPONSE_CACHE_ENABLED: 'false',
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      // Proxies are trusted, but this suite is not one of them: it reaches the gateway directly.
      TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::/32',
      RATE_LIMIT_DEFAULT: 'burst=3/1m',
    });
  });

  afterAll(async () => {
    await bff?.stop();
  });

  describe('slow clients', () => {
    it('answers 408 and closes the connection of a client that trickles its body, long before the body is complete', async () => {
      const { hostname, port } = new URL(bff.url);
      const declared = 200;
      const result = await new Promise<{ sent: number; answer: RawExchange }>((resolve, reject) => {
        const socket = connect(Number(port), hostname);
        let sent = 0;
        let text = '';
        socket.write(
          `POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n{`,
        );
        // One byte every 100 ms: the whole body would take 20 s.
        const drip = setInterval(() => {
          if (sent < declared - 1 && !socket.destroyed) {
            socket.write(' ');
            sent++;
          }
        }, 100);
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(drip);
          resolve({ sent, answer: parseResponse(text, true) });
        });
        setTimeout(() => {
          clearInterval(drip);
          socket.destroy();
          reject(new Error(`still open after 15 s, ${sent} bytes sent`));
        }, 15_000).unref();
      });
      expect(result.sent).toBeLessThan(declared - 1);
      expect(result.answer.status).toBe(408);
      expect(result.answer.headers['content-type']).toMatch(PROBLEM);
      expect(result.answer.headers['connection']).toBe('close');
      expect(JSON.parse(result.answer.body)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
    });

    it('answers 408 and closes the connection of a client that never finishes its headers', async () => {
      const answer = await exchange(bff.url, 'GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ', 10_000);
      expect(answer.closed).toBe(true);
      expect(answer.status).toBe(408);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'REQUEST_TIMEOUT' });
      expectSecurityHeaders(answer.headers);
    });
  });

  describe('request lines and Host (RFC 9112 §3.2)', () => {
    it.each([
      ['two Host headers', 'GET /health HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n'],
      ['a Host with a space', 'GET /health HTTP/1.1\r\nHost: a b\r\n\r\n'],
      ['a Host with a space inside a name', 'GET /health HTTP/1.1\r\nHost: exa mple\r\n\r\n'],
      ['a Host with a lone bracket', 'GET /health HTTP/1.1\r\nHost: [bad\r\n\r\n'],
      ['no Host on HTTP/1.1', 'GET /health HTTP/1.1\r\n\r\n'],
      ['an HTTP/0.9 request line', 'GET /health\r\n\r\n'],
    ])('refuses %s with 400 problem+json and closes the connection', async (_case, raw) => {
      const answer = await exchange(bff.url, raw);
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(PROBLEM);
      expect(answer.headers['connection']).toBe('close');
      expect(answer.closed).toBe(true);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
      expectSecurityHeaders(answer.headers);
    });

    it('refuses a request line Node cannot parse with 400 problem+json', async () => {
      const answer = await exchange(bff.url, 'GARBAGE\r\n\r\n');
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(PROBLEM);
      expect(answer.closed).toBe(true);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'BAD_REQUEST' });
    });

    it('answers headers past the size limit with 431 problem+json', async () => {
      const answer = await exchange(bff.url, `GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(answer.status).toBe(431);
      expect(answer.headers['content-type']).toMatch(PROBLEM);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
    });

    it('still serves HTTP/1.0 without Host, and a valid Host with a port', async () => {
      expect((await exchange(bff.url, 'GET /health HTTP/1.0\r\n\r\n')).status).toBe(200);
      const withPort = await exchange(bff.url, 'GET /health HTTP/1.1\r\nHost: [::1]:3000\r\nConnection: close\r\n\r\n');
      expect(withPort.status).toBe(200);
    });
  });

  describe('body limits of the JSON write routes', () => {
    const json = (bytes: number) => JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(bytes) });

    it.each([
      ['POST /auth/login', '/auth/login'],
      ['POST /products/:productId/reviews', '/products/1/reviews'],
    ])('%s refuses a body over 16 KiB with 413 problem+json', async (_route, path) => {
      const { status, headers, body } = await request(`${bff.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: json(17 * 1_024),
      });
      expect(status).toBe(413);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
      expectSecurityHeaders(headers);
    });

    it('reads a body under the limit', async () => {
      const { status } = await request(`${bff.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: json(15 * 1_024),
      });
      expect(status).not.toBe(413);
    });
  });

  describe('security headers', () => {
    it('are on /health, a 404 and a 401 alike, and HSTS is not sent over plain HTTP', async () => {
      const health = await request(`${bff.url}/health`);
      const missing = await request(`${bff.url}/no-such-route`);
      const unauthenticated = await request(`${bff.url}/users/1`);
      expect([health.status, missing.status, unauthenticated.status]).toEqual([200, 404, 401]);
      for (const { headers } of [health, missing, unauthenticated]) {
        expectSecurityHeaders(headers);
        expect(headers.get('strict-transport-security')).toBeNull();
      }
    });

    it('do not announce HSTS on X-Forwarded-Proto from a client that is not a trusted proxy', async () => {
      const { headers } = await request(`${bff.url}/health`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(headers.get('strict-transport-security')).toBeNull();
    });
  });

  describe('client identity', () => {
    it('does not let a client that is not a trusted proxy choose its rate-limit bucket with X-Forwarded-For', async () => {
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        const { status } = await request(`${bff.url}/product-details/1`, {
          // A hop count of one would have believed this, a fresh address each time.
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
        });
        statuses.push(status);
      }
      expect(statuses.filter((status) => status === 429)).toHaveLength(2);
      expect(statuses.slice(3)).toEqual([429, 429]);
    });
  });
});

describe('web-bff behind a trusted proxy, with a connection cap', () => {
  const auth = new TestAuth();
  let bff: AppProcess;

  beforeAll(async () => {
    bff = await AppProcess.start('web-bff', {
      ...auth.env(),
      RESPONSE_CACHE_ENABLED: 'false',
      // The suite plays the proxy.
      TRUSTED_PROXIES: '127.0.0.1',
      RATE_LIMIT_DEFAULT: 'burst=3/1m',
      HTTP_MAX_CONNECTIONS: String(MAX_CONNECTIONS),
    });
  });

  afterAll(async () => {
    await bff?.stop();
  });

  it('keys callers by the address the proxy reports', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const answer = await exchange(
        bff.url,
        `GET /product-details/1 HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 198.51.100.${i}\r\nConnection: close\r\n\r\n`,
      );
      statuses.push(answer.status);
    }
    expect(statuses).not.toContain(429);
  });

  it('announces HSTS when the trusted proxy says the client came over HTTPS', async () => {
    const answer = await exchange(
      bff.url,
      'GET /health HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n',
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  /** The server learns of closed connections asynchronously: a few tries at most. */
  async function healthAfterClosesSettle(): Promise<number> {
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await exchange(bff.url, 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return status;
  }

  it('drops connections past HTTP_MAX_CONNECTIONS and serves again once one closes', async () => {
    expect(await healthAfterClosesSettle()).toBe(200);
    const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => openSocket(bff.url)));
    try {
      const refused = await exchange(bff.url, 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      expect(refused.closed).toBe(true);
      expect(refused.text).toBe('');
      // The held connections are still served.
      held[0]?.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
      const served = await new Promise<string>((resolve) => held[0]?.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      expect(served).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      for (const socket of held) socket.destroy();
    }
    expect(await healthAfterClosesSettle()).toBe(200);
  });
});
