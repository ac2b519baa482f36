const DELTA_SECONDS = /^\s*(\d{1,9})\s*$/;
/** Every HTTP date format names its month; `Date.parse` alone would also take "-1" or "1.5". */
const HTTP_DATE = /^[\x20-\x7e]*[A-Za-z]{3}[\x20-\x7e]*$/;

/**
 * The wait a `Retry-After` header asks for, in milliseconds: delta-seconds or an
 * HTTP date (a date in the past means "now"). `undefined` when the header is
 * absent or malformed, so the caller falls back to its own backoff.
 *
 * @example
 * retryAfterMs('2');                              // 2000
 * retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT');  // 0, long past
 */
export function retryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
  if (typeof header !== 'string' || header === '') return undefined;
  const seconds = DELTA_SECONDS.exec(header);
  if (seconds) return Number(seconds[1]) * 1_000;
  const date = HTTP_DATE.test(header) ? Date.parse(header) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
