import { AppProcess, TestAuth, rawExchange, request } from '@bff/testing';

/**
 * The mobile gateway shares the web gateway's HTTP edge (the web suite covers it in
 * depth); this suite checks the mobile app wires it: its write route's body limit,
 * security headers, RFC 9112 `Host` rules and the request timeout.
 */
const PROBLEM = /^application\/problem\+json/;

describe('mobile-bff HTTP edge', () => {
  const auth = new TestAuth();
  let bff: AppProcess;

  beforeAll(async () => {
    bff = await AppProcess.start('mobile-bff', {
      ...auth.env(),
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '1500',
    });
  });

  afterAll(async () => {
    await bff?.stop();
  });

  it('refuses a review body over 16 KiB with 413 problem+json, with the security headers', async () => {
    const { status, headers, body } = await request(`${bff.url}/products/1/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 5, title: 'Long', body: 'x'.repeat(17 * 1_024) }),
    });
    expect(status).toBe(413);
    expect(headers.get('content-type')).toMatch(PROBLEM);
    expect(body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('DENY');
  });

  it('puts the security headers on /health', async () => {
    const { headers } = await request(`${bff.url}/health`);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('refuses two Host headers with 400 problem+json and closes the connection', async () => {
    const { text, closed } = await rawExchange(bff.url, 'GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toMatch(/content-type: application\/problem\+json/i);
    expect(closed).toBe(true);
  });

  it('answers 408 to a client that does not finish its request in time, and closes the connection', async () => {
    const { text, closed } = await rawExchange(
      bff.url,
      'POST /products/1/reviews HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
      10_000,
    );
    expect(closed).toBe(true);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text).toContain('"code":"REQUEST_TIMEOUT"');
  });
});
