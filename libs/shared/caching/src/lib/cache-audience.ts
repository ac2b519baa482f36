import type { CacheScope } from './cache-policy';

/**
 * Who a cached response may be served to: every caller (`shared`), one verified
 * subject (`user`), or nobody (`none`, the request is passed through).
 */
export type CacheAudience =
  | { readonly kind: 'shared' }
  | { readonly kind: 'user'; readonly subject: string }
  | { readonly kind: 'none'; readonly reason: string };

export interface AudienceInput {
  scope: CacheScope;
  /** The subject the auth guard verified, if any. */
  subject: string | undefined;
}

const SHARED: CacheAudience = Object.freeze({ kind: 'shared' });
const NO_SUBJECT: CacheAudience = Object.freeze({ kind: 'none', reason: 'per-user route without a verified subject' });

/**
 * A `public` route has one audience, everyone: its answer is computed with no
 * identity at all (no subject in the request context, no credentials in its
 * headers, no `request.user`), so it is the same for every caller, signed in or
 * not, and one entry serves them all. A `per-user` route is keyed to the verified
 * subject, and not cached without one.
 */
export function audienceOf(input: AudienceInput): CacheAudience {
  if (input.scope === 'public') return SHARED;
  return input.subject === undefined ? NO_SUBJECT : { kind: 'user', subject: input.subject };
}
