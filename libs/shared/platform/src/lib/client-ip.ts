import type { FastifyRequest } from 'fastify';
import type { TrustedProxies } from './trusted-proxies';

/**
 * The caller's IP address: the socket peer's, unless that peer is a trusted proxy,
 * in which case `X-Forwarded-For` is walked from the right through trusted proxies
 * and the first address that is not one is the client (see {@link TrustedProxies}).
 * Entries a client writes itself are never reached, so it cannot pick its address.
 *
 * @example
 * clientIp(request, TrustedProxies.NONE); // socket address, whatever X-Forwarded-For says
 * clientIp(request, new TrustedProxies(['10.0.0.0/8'])); // the address our load balancer saw
 */
export function clientIp(request: Pick<FastifyRequest, 'headers' | 'socket'>, trustedProxies: TrustedProxies): string {
  return trustedProxies.clientIp(request.socket.remoteAddress, request.headers['x-forwarded-for']);
}
