/**
 * Seconds to wait from a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds, or
 * an HTTP date counted from `now`. `undefined` when absent or unreadable, so the
 * caller says "shortly" instead of inventing a number.
 *
 * @example
 * retryAfterSeconds('30'); // 30
 * retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')); // 60
 */
export function retryAfterSeconds(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // Only the HTTP-date form has letters; Date.parse would read "12.5" or "1e3" as a date.
  if (!/^[A-Za-z]{3}, /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
