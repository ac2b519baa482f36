import { REDACTED, redactSecrets, redactValue } from './redact-secrets';

describe('redactSecrets', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl';

  it.each([
    ['a header line', `Authorization: Bearer ${jwt}`, 'Authorization: [REDACTED]'],
    ['basic credentials', 'proxy-authorization: Basic dXNlcjpwYXNz', 'proxy-authorization: [REDACTED]'],
    ['a cookie header to the end of its line', 'cookie: __Host-bff_session=s3cr3t; theme=dark\nnext', 'cookie: [REDACTED]\nnext'],
    ['a JSON body', '{"email":"ada@example.com","password":"hunter2"}', '{"email":"ada@example.com","password":"[REDACTED]"}'],
    [
      'util.inspect of a header set',
      "{ authorization: 'Bearer abc', 'set-cookie': [ 'a=1', 'b=2' ], host: 'bff' }",
      "{ authorization: '[REDACTED]', 'set-cookie': [REDACTED], host: 'bff' }",
    ],
    ['a query string', '/auth/login?password=hunter2&user=ada', '/auth/login?password=[REDACTED]&user=ada'],
    ['an environment variable', 'AUTH_HS256_SECRET=0123456789abcdef, PORT=3000', 'AUTH_HS256_SECRET=[REDACTED], PORT=3000'],
    ['token fields', 'csrfToken: "abc" x-csrf-token: zzz', 'csrfToken: "[REDACTED]" x-csrf-token: [REDACTED]'],
    ['a bare bearer credential', 'sent Bearer abc.def-ghi to the IdP', 'sent Bearer [REDACTED] to the IdP'],
    ['a JWT wherever it stands', `token ${jwt} expired`, 'token [REDACTED] expired'],
  ])('blanks out %s', (_case, line, redacted) => {
    expect(redactSecrets(line)).toBe(redacted);
  });

  it('leaves lines without credentials as they are', () => {
    const line = 'GET /product-details/:productId 503 UPSTREAM_UNAVAILABLE service=product reason="circuit-open" requestId=r-1';
    expect(redactSecrets(line)).toBe(line);
    expect(redactSecrets('Redis: connect ECONNREFUSED 127.0.0.1:6379')).toBe('Redis: connect ECONNREFUSED 127.0.0.1:6379');
  });
});

describe('redactValue', () => {
  it('copies objects with secret-named keys blanked out, at any depth', () => {
    const headers = { cookie: 'sid=1', Authorization: 'Bearer x', 'x-request-id': 'r-1' };
    expect(redactValue({ request: { headers }, body: { password: 'p', email: 'e' }, notes: ['Bearer abc'] })).toEqual({
      request: { headers: { cookie: REDACTED, Authorization: REDACTED, 'x-request-id': 'r-1' } },
      body: { password: REDACTED, email: 'e' },
      notes: ['Bearer [REDACTED]'],
    });
    expect(headers.cookie).toBe('sid=1');
  });

  it('turns an error into its redacted stack', () => {
    const value = redactValue(new Error('login failed for password=hunter2'));
    expect(value).toEqual(expect.stringContaining('password=[REDACTED]'));
    expect(value).not.toEqual(expect.stringContaining('hunter2'));
  });
});
