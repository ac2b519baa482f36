import type { FastifyRequest } from 'fastify';

/**
 * The caller's IP address. `X-Forwarded-For` is believed only as far as the
 * configured number of trusted proxy hops in front of the gateway: with one proxy
 * its last entry is the client; anything to the left of that could be forged by the
 * client, so it is ignored. With zero hops the header is ignored entirely.
 *
 * @example
 * clientIp(request, 0); // socket address, whatever X-Forwarded-For says
 * clientIp(request, 1); // last X-Forwarded-For entry (added by our load balancer)
 */
export function clientIp(request: Pick<FastifyRequest, 'headers' | 'socket'>, trustedProxyHops: number): string {
  const socketIp = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxyHops <= 0) return socketIp;
  const header = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (hops.length === 0) return socketIp;
  return hops[Math.max(0, hops.length - trustedProxyHops)] ?? socketIp;
}
