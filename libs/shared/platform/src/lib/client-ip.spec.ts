import { clientIp } from './client-ip';

const req = (forwardedFor?: string | string[], remoteAddress = '10.0.0.9') =>
  ({ headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress } }) as never;

describe('clientIp', () => {
  it('uses the socket address and ignores X-Forwarded-For with no trusted hops', () => {
    expect(clientIp(req('1.2.3.4'), 0)).toBe('10.0.0.9');
  });

  it('takes the entry the trusted proxy appended, not what the client wrote before it', () => {
    expect(clientIp(req('6.6.6.6, 203.0.113.7'), 1)).toBe('203.0.113.7');
  });

  it('walks back one entry per trusted hop', () => {
    expect(clientIp(req('6.6.6.6, 203.0.113.7, 10.1.1.1'), 2)).toBe('203.0.113.7');
  });

  it('handles repeated headers and a chain shorter than the hops', () => {
    expect(clientIp(req(['6.6.6.6', '203.0.113.7']), 1)).toBe('203.0.113.7');
    expect(clientIp(req('203.0.113.7'), 3)).toBe('203.0.113.7');
  });

  it('falls back to the socket when the header is absent or empty', () => {
    expect(clientIp(req(undefined), 1)).toBe('10.0.0.9');
    expect(clientIp(req(' , '), 1)).toBe('10.0.0.9');
  });
});
