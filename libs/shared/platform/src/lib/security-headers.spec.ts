import { HSTS_HEADER, SECURITY_HEADERS } from './security-headers';

describe('SECURITY_HEADERS', () => {
  const headers = Object.fromEntries(SECURITY_HEADERS);

  it('forbids sniffing, referrers and framing, and lets a JSON answer load nothing', () => {
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
    });
  });

  it('sends nothing else: the headers for HTML documents and retired browsers cost every answer bytes', () => {
    expect(Object.keys(headers).sort()).toEqual([
      'content-security-policy',
      'cross-origin-resource-policy',
      'referrer-policy',
      'x-content-type-options',
      'x-frame-options',
    ]);
  });

  it('leaves HSTS to responses that came over TLS', () => {
    expect(headers).not.toHaveProperty('strict-transport-security');
    expect(HSTS_HEADER).toEqual(['strict-transport-security', 'max-age=31536000; includeSubDomains']);
  });
});
