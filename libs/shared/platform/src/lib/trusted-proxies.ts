import { BlockList, isIP } from 'node:net';

const MAPPED_IPV4 = '::ffff:';

/**
 * The proxies in front of the gateway (load balancers, ingress, sidecars), given as
 * addresses or CIDR ranges, and the one rule for finding the client behind them:
 * `X-Forwarded-For` is read only when the socket peer is one of them, and is walked
 * from the right, one trusted hop at a time; the first address that is not a trusted
 * proxy is the client. Whatever a client writes into the header itself sits to the
 * left of that address and is never reached, so a client that connects directly, or
 * through fewer proxies than usual, cannot choose its own address (or rate-limit
 * bucket).
 *
 * IPv4-mapped IPv6 peers (`::ffff:10.0.0.7`, as a dual-stack listener reports IPv4
 * clients) match IPv4 ranges, and the address returned is plain IPv4.
 *
 * @example
 * const proxies = new TrustedProxies(['10.0.0.0/8', '2001:db8::/32']);
 * proxies.clientIp('10.0.0.7', '6.6.6.6, 203.0.113.9, 10.0.0.2'); // '203.0.113.9'
 * proxies.clientIp('198.51.100.4', '6.6.6.6'); // '198.51.100.4': not our proxy, header ignored
 */
export class TrustedProxies {
  /** No proxy is trusted: every request's address is its socket's. */
  static readonly NONE = new TrustedProxies([]);

  private readonly ranges = new BlockList();

  /** @throws Error naming the first entry that is neither an address nor a CIDR range. */
  constructor(readonly entries: readonly string[]) {
    for (const entry of entries) {
      const range = parseRange(entry);
      if (range === undefined) throw new Error(`"${entry}" is not an IP address or CIDR range`);
      this.ranges.addSubnet(range.network, range.prefix, range.family);
    }
  }

  /** Whether `address` is one of the trusted proxies. */
  trusts(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.ranges.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }

  /**
   * The client's address, given the socket peer's and the `X-Forwarded-For` value
   * (several headers arrive joined by commas, or as an array). An entry that is not an
   * address ends the walk at the trusted hop that passed it on.
   */
  clientIp(socketAddress: string | undefined, forwardedFor: string | readonly string[] | undefined): string {
    if (socketAddress === undefined) return 'unknown';
    if (this.entries.length === 0 || forwardedFor === undefined || !this.trusts(socketAddress)) {
      return plain(socketAddress);
    }
    const header = typeof forwardedFor === 'string' ? forwardedFor : forwardedFor.join(',');
    let client = socketAddress;
    // From the right, without splitting the whole header: only the hops walked are read.
    let end = header.length;
    while (end > 0) {
      const comma = header.lastIndexOf(',', end - 1);
      const entry = header.slice(comma + 1, end).trim();
      end = comma;
      if (entry === '') continue;
      const family = isIP(entry);
      if (family === 0) break;
      client = entry;
      if (!this.ranges.check(entry, family === 4 ? 'ipv4' : 'ipv6')) break;
    }
    return plain(client);
  }
}

/**
 * `10.0.0.0/8`, `2001:db8::/32`, or a single address (a /32 or /128); `undefined`
 * for anything else, including a prefix longer than the family allows.
 *
 * @example
 * parseRange('10.0.0.0/8'); // { network: '10.0.0.0', prefix: 8, family: 'ipv4' }
 */
export function parseRange(entry: string): { network: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const slash = entry.indexOf('/');
  const network = slash === -1 ? entry : entry.slice(0, slash);
  const version = isIP(network);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const bits = version === 4 ? 32 : 128;
  if (slash === -1) return { network, prefix: bits, family };
  const prefixText = entry.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= bits ? { network, prefix, family } : undefined;
}

/** `::ffff:203.0.113.9` → `203.0.113.9`; any other address unchanged. */
function plain(address: string): string {
  return address.startsWith(MAPPED_IPV4) && isIP(address.slice(MAPPED_IPV4.length)) === 4
    ? address.slice(MAPPED_IPV4.length)
    : address;
}
