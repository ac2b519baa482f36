import { clientIp } from './client-ip';
import { TrustedProxies } from './trusted-proxies';

const req = (forwardedFor?: string | string[], remoteAddress = '10.0.0.9') =>
  ({ headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress } }) as never;

describe('clientIp', () => {
  it('uses the socket address and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientIp(req('1.2.3.4'), TrustedProxies.NONE)).toBe('10.0.0.9');
  });

  it('reads X-Forwarded-For only from a trusted proxy', () => {
    const proxies = new TrustedProxies(['10.0.0.0/24']);
    expect(clientIp(req('6.6.6.6, 203.0.113.7'), proxies)).toBe('203.0.113.7');
    expect(clientIp(req('6.6.6.6, 203.0.113.7', '10.0.1.9'), proxies)).toBe('10.0.1.9');
  });
});
