import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/**
 * The route itself answered with another status, a cookie or `Cache-Control: no-store`/`private`.
 * (Once the reply is sent, as for a background refresh, nothing the handler does reaches it.)
 */
export function replyForbidsStoring(reply: FastifyReply): boolean {
  if (reply.sent) return false;
  const cacheControl = reply.getHeader('cache-control');
  return (
    reply.statusCode !== 200 ||
    reply.getHeader('set-cookie') !== undefined ||
    (typeof cacheControl === 'string' && /\b(no-store|private)\b/i.test(cacheControl))
  );
}

/** The bytes a handler's value is sent as, or undefined for values that are not stored (streams, buffers, nothing). */
export function represent(value: unknown, reply: FastifyReply): { body: string; contentType: string } | undefined {
  if (value === undefined || value instanceof StreamableFile || Buffer.isBuffer(value)) return undefined;
  if (typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function') return undefined;
  const declared = reply.getHeader('content-type');
  if (typeof value === 'string') {
    return { body: value, contentType: typeof declared === 'string' ? declared : 'text/plain; charset=utf-8' };
  }
  return { body: JSON.stringify(value), contentType: typeof declared === 'string' ? declared : 'application/json; charset=utf-8' };
}
