import type { CallHandler } from '@nestjs/common';
import type { RequestContext } from '@bff/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { CachePolicyMetadata } from './cache-policy';
import type { CachedResponse } from './cached-response';

/** One cached route's request, as the response cache handles it: what it is keyed by and who may see it. */
export interface CacheCall {
  request: FastifyRequest;
  reply: FastifyReply;
  next: CallHandler;
  policy: CachePolicyMetadata;
  /** The subject the entry is private to; undefined for the shared entry. */
  subject: string | undefined;
  key: string;
  tags: readonly string[];
  /** The request's context, which answers it. */
  context: RequestContext;
  /** The only request headers the handler may see: those in the key. */
  visibleHeaders: IncomingHttpHeaders;
}

/** What a handler call produced: a storable entry, or a value only its own caller may receive. */
export type Outcome = { shareable: true; entry: CachedResponse } | { shareable: false; value: unknown };

/** The context a handler runs in: the request's own for a user's entry, one with no identity for a shared one. */
export function handlerContext(call: CacheCall): RequestContext {
  return call.subject === undefined ? call.context.withoutIdentity() : call.context;
}

/** The tags, or `undefined` when one is not a string of 1 to 256 characters. */
export function usableTags(tags: readonly string[]): readonly string[] | undefined {
  return tags.every((tag) => typeof tag === 'string' && tag.length > 0 && tag.length <= 256) ? tags : undefined;
}
