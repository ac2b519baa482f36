/**
 * Label values with a closed set each, so no request can add a series: a label is
 * a route template, a known method or a status class, never a raw path, an id or a
 * client-chosen string.
 */

/** The route label of a request no route matched (404s, 405s). */
export const UNMATCHED_ROUTE = 'unmatched';

/** The method label of a method outside {@link KNOWN_METHODS}. */
export const OTHER_METHOD = 'OTHER';

const KNOWN_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/**
 * A status code's class, `2xx` to `5xx`.
 *
 * @example
 * statusClass(429); // '4xx'
 */
export function statusClass(status: number): string {
  return STATUS_CLASSES[Math.floor(status / 100) - 1] ?? 'other';
}

/**
 * The method as a label: one of the methods a gateway answers, else `OTHER`.
 *
 * @example
 * methodLabel('PROPFIND'); // 'OTHER'
 */
export function methodLabel(method: string): string {
  return KNOWN_METHODS.has(method) ? method : OTHER_METHOD;
}
