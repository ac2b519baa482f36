import { randomUUID } from 'node:crypto';

/** What a client may send as `x-request-id`; anything else is replaced, never echoed. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Keeps a well-formed incoming `x-request-id` (so a trace spans client and gateway)
 * and replaces a missing or malformed one with a fresh UUID.
 *
 * @example
 * requestIdFrom('abc-123'); // 'abc-123'
 * requestIdFrom('<script>'); // a new UUID
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : randomUUID();
}
