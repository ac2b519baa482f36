import { createHash } from 'node:crypto';

/**
 * The validator of a stored page: the same JSON gives the same tag on every replica,
 * so a client's `If-None-Match` works whichever replica answers.
 *
 * Weak (RFC 9110 §8.8.1), because the page goes out as JSON, brotli or gzip, as each
 * client negotiates: three byte sequences, one meaning. A strong tag promises identical
 * bytes, so it would have to differ per coding, and the 304 hook would then have to
 * know which coding the 200 would have had; and the compressed bytes depend on each
 * replica's compressor build. A weak tag holds for all three: `If-None-Match` compares
 * weakly anyway, so a client gets its 304 whatever coding it cached. Nothing here needs
 * strong comparison: these GET routes take no `If-Match` or `Range`.
 */
export function pageEtag(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
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
