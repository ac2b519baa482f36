import { TrustedProxies, parseRange } from './trusted-proxies';

describe('TrustedProxies', () => {
  const proxies = new TrustedProxies(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32']);

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(proxies.clientIp('198.51.100.4', '6.6.6.6')).toBe('198.51.100.4');
    expect(proxies.clientIp('198.51.100.4', '10.0.0.1')).toBe('198.51.100.4');
  });

  it('ignores X-Forwarded-For entirely when no proxy is trusted', () => {
    expect(TrustedProxies.NONE.clientIp('10.0.0.9', '1.2.3.4')).toBe('10.0.0.9');
  });

  it('walks from the right through trusted proxies to the first address that is not one', () => {
    expect(proxies.clientIp('10.0.0.9', '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
    expect(proxies.clientIp('10.0.0.9', '6.6.6.6, 203.0.113.7, 192.0.2.7, 10.1.1.1')).toBe('203.0.113.7');
  });

  it('does not let a client forge a trusted hop to the left of the address its proxy saw', () => {
    // The client wrote "6.6.6.6, 10.2.2.2"; our balancer appended the address it saw.
    expect(proxies.clientIp('10.0.0.9', '6.6.6.6, 10.2.2.2, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('takes the leftmost address when every hop is a trusted proxy', () => {
    expect(proxies.clientIp('10.0.0.9', '10.3.3.3, 10.1.1.1')).toBe('10.3.3.3');
  });

  it('matches IPv6 ranges', () => {
    expect(proxies.clientIp('2001:db8::1', '2001:db8:ffff::2, 2a00:1450::7')).toBe('2a00:1450::7');
    expect(proxies.clientIp('2a00:1450::9', '6.6.6.6')).toBe('2a00:1450::9');
  });

  it('matches IPv4-mapped IPv6 peers against IPv4 ranges and answers plain IPv4', () => {
    expect(proxies.clientIp('::ffff:10.0.0.9', '203.0.113.7')).toBe('203.0.113.7');
    expect(proxies.clientIp('::ffff:10.0.0.9', '::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(proxies.clientIp('::ffff:198.51.100.4', '6.6.6.6')).toBe('198.51.100.4');
  });

  it('joins repeated headers and skips empty entries', () => {
    expect(proxies.clientIp('10.0.0.9', ['6.6.6.6', '203.0.113.7'])).toBe('203.0.113.7');
    expect(proxies.clientIp('10.0.0.9', '203.0.113.7, , ')).toBe('203.0.113.7');
  });

  it('ends the walk at the trusted hop that passed on something that is not an address', () => {
    expect(proxies.clientIp('10.0.0.9', 'evil, 203.0.113.7')).toBe('203.0.113.7');
    expect(proxies.clientIp('10.0.0.9', '203.0.113.7, bucket-of-my-choice, 10.1.1.1')).toBe('10.1.1.1');
    expect(proxies.clientIp('10.0.0.9', 'bucket-of-my-choice')).toBe('10.0.0.9');
  });

  it('falls back to the socket when the header is absent or empty', () => {
    expect(proxies.clientIp('10.0.0.9', undefined)).toBe('10.0.0.9');
    expect(proxies.clientIp('10.0.0.9', ' , ')).toBe('10.0.0.9');
    expect(proxies.clientIp(undefined, '1.2.3.4')).toBe('unknown');
  });

  it('refuses an entry that is neither an address nor a range, naming it', () => {
    expect(() => new TrustedProxies(['10.0.0.0/8', 'lb.internal'])).toThrow('"lb.internal"');
  });
});

describe('parseRange', () => {
  it.each([
    ['10.0.0.0/8', { network: '10.0.0.0', prefix: 8, family: 'ipv4' }],
    ['192.0.2.7', { network: '192.0.2.7', prefix: 32, family: 'ipv4' }],
    ['2001:db8::/32', { network: '2001:db8::', prefix: 32, family: 'ipv6' }],
    ['::1', { network: '::1', prefix: 128, family: 'ipv6' }],
  ])('reads %s', (entry, range) => {
    expect(parseRange(entry)).toEqual(range);
  });

  it.each(['10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/8/8', '10.0.0.0/-1', '10.0.0.0/ 8', 'lb.internal', '10.0.0'])(
    'refuses %s',
    (entry) => {
      expect(parseRange(entry)).toBeUndefined();
    },
  );
});
