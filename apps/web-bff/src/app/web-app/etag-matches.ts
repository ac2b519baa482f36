/**
 * Does `If-None-Match` name this entity tag? Weak comparison (RFC 9110 §13.1.2):
 * `W/` is ignored, any tag of a list may match, and `*` matches any.
 *
 * @example
 * etagMatches('W/"abc", "def"', '"abc"'); // true
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  for (const candidate of ifNoneMatch.split(',')) {
    const tag = candidate.trim();
    if (tag === '*' || (tag.startsWith('W/') ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}
