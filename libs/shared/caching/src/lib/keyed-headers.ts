import type { FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Runs `fn` while `request.headers` shows only the headers that are part of the
 * cache key. A header outside the key (`X-Forwarded-Host`, `Host`, `X-Original-URL`,
 * ...) therefore cannot influence a body that is then served to everyone sharing
 * the key: cache poisoning is ruled out by construction, not by reviewing handlers.
 * The full headers are back as soon as the handler settles, for the reply hooks.
 */
export async function withKeyedHeaders<T>(
  request: FastifyRequest,
  visible: IncomingHttpHeaders,
  fn: () => Promise<T>,
): Promise<T> {
  // Fastify's `headers` is a prototype accessor; an own property shadows it for this request only.
  Object.defineProperty(request, 'headers', { value: visible, configurable: true, writable: true, enumerable: true });
  try {
    return await fn();
  } finally {
    Reflect.deleteProperty(request, 'headers');
  }
}
