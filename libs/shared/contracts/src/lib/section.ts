/**
 * Why an optional part of a composed response is missing. Clients can switch on it
 * (e.g. retry soon after `timeout`, hide the widget after `not-found`).
 */
export type UnavailableReason = 'timeout' | 'unavailable' | 'not-found' | 'error';

/** The typed marker that stands in for a part that could not be loaded. */
export interface Unavailable {
  status: 'unavailable';
  reason: UnavailableReason;
}

/**
 * One optional part of a composed response: the part itself marked `ok`, or the
 * {@link Unavailable} marker. Clients narrow on `status` at compile time, so a
 * missing part can never be mistaken for an empty one.
 *
 * @example
 * function render(reviews: Section<{ items: Review[] }>) {
 *   if (reviews.status === 'unavailable') return showRetry(reviews.reason);
 *   return list(reviews.items);
 * }
 */
export type Section<T extends object> = ({ status: 'ok' } & T) | Unavailable;

/**
 * Narrows a loaded-or-unavailable part.
 *
 * @example
 * const reviews = isUnavailable(parts.reviews) ? parts.reviews : { status: 'ok', ...parts.reviews };
 */
export function isUnavailable(part: object): part is Unavailable {
  return (part as Partial<Unavailable>).status === 'unavailable';
}
