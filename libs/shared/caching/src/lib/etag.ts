import { createHash } from 'node:crypto';

/**
 * A strong validator for a body: the same bytes give the same tag on every
 * replica, so a client's `If-None-Match` works whichever replica answers.
 */
export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * `If-None-Match` per RFC 9110 §13.1.2: `*` or any listed tag, compared weakly
 * (a `W/` prefix is ignored), means the client already holds this representation.
 */
export function matchesIfNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const candidates = (Array.isArray(header) ? header.join(',') : header).split(',').map((tag) => tag.trim());
  const opaque = etag.replace(/^W\//, '');
  return candidates.some((tag) => tag === '*' || tag.replace(/^W\//, '') === opaque);
}
