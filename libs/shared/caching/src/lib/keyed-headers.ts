import type { FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Runs `fn` while `request.headers` shows only the headers that are part of the
 * cache key and, for an entry shared by everyone, while `request.user` is empty. A
 * header outside the key (`X-Forwarded-Host`, `Host`, `X-Original-URL`, ...) or the
 * caller's identity therefore cannot influence a body that is then served to
 * everyone sharing the key: cache poisoning and one user's data in another's page
 * are ruled out by construction, not by reviewing handlers. The full request is
 * back as soon as the handler settles, for the reply hooks.
 */
export async function withKeyedHeaders<T>(
  request: FastifyRequest,
  visible: IncomingHttpHeaders,
  anonymous: boolean,
  fn: () => Promise<T>,
): Promise<T> {
  // Fastify's `headers` is a prototype accessor; an own property shadows it for this request only.
  Object.defineProperty(request, 'headers', { value: visible, configurable: true, writable: true, enumerable: true });
  const user = anonymous ? Object.getOwnPropertyDescriptor(request, 'user') : undefined;
  if (user !== undefined) Object.defineProperty(request, 'user', { value: undefined, configurable: true, writable: true, enumerable: true });
  try {
    return await fn();
  } finally {
    Reflect.deleteProperty(request, 'headers');
    if (user !== undefined) Object.defineProperty(request, 'user', user);
  }
}

/** The headers the handler may see: the language that is keyed, plus credentials when the entry is the user's own. */
export function visibleHeaders(headers: IncomingHttpHeaders, acceptLanguage: string | undefined, perUser: boolean): IncomingHttpHeaders {
  const visible: IncomingHttpHeaders = {};
  if (acceptLanguage !== undefined) visible['accept-language'] = acceptLanguage;
  if (perUser) {
    if (headers.authorization !== undefined) visible.authorization = headers.authorization;
    if (headers.cookie !== undefined) visible.cookie = headers.cookie;
  }
  return visible;
}
