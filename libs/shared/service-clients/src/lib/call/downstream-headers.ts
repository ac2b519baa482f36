import { REQUEST_ID_PATTERN, childTraceContext, type RequestContextData } from '@bff/platform';
import { randomUUID } from 'node:crypto';

/**
 * The only headers a call may add. Everything else a downstream receives is set
 * here from the request context, so hop-by-hop headers (`Connection` and the
 * names it lists, `Keep-Alive`, `TE`, `Transfer-Encoding`, `Upgrade`, `Proxy-*`),
 * identity (`x-user-id`, `x-internal-*`) and `X-Forwarded-*` cannot be forwarded
 * from a client, by construction.
 */
const PER_CALL_HEADERS: ReadonlySet<string> = new Set([
  'x-request-id',
  'traceparent',
  'tracestate',
  'accept-language',
  'idempotency-key',
]);

/** Visible ASCII and spaces: no CR/LF to split a header, nothing undici would reject. */
const HEADER_VALUE = /^[\x20-\x7e]{1,1024}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The request headers of one downstream call, built from scratch:
 *
 * - `x-request-id`, `traceparent`, `tracestate` from the inbound request's
 *   {@link RequestContextData} (outside a request: a fresh request id and trace,
 *   so every call can still be traced); with traces exported, the caller then
 *   replaces `traceparent` with the call's own span (`DownstreamCallSpans.start`);
 * - `accept-language`: the one supported language negotiated from the client's
 *   header, never the header itself (its `q=` noise would reach every service);
 * - `x-user-id` only from the verified `subject`, never from a client header; a
 *   public, cached page is computed in a context without one, so its calls carry none;
 * - `x-forwarded-for` from `clientIp`, which believes `X-Forwarded-For` only
 *   within the trusted proxy hops;
 * - then the call's own `headers`, limited to the propagated names above and
 *   `idempotency-key`. Any other name throws: it is a gateway bug, so it must fail
 *   loudly rather than leak identity or framing headers downstream.
 *
 * @example
 * downstreamHeaders(RequestContext.current()?.data, { 'idempotency-key': key });
 * // { 'x-request-id': '…', traceparent: '00-…', 'x-forwarded-for': '203.0.113.7', 'idempotency-key': key }
 */
export function downstreamHeaders(
  context: Readonly<RequestContextData> | undefined,
  extra?: Readonly<Record<string, string>>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (context) {
    headers['x-request-id'] = context.requestId;
    headers['traceparent'] = context.traceparent;
    if (context.tracestate !== undefined) headers['tracestate'] = context.tracestate;
    if (context.acceptLanguage !== undefined) headers['accept-language'] = context.acceptLanguage;
    if (context.subject !== undefined) headers['x-user-id'] = checked('x-user-id', context.subject);
    if (HEADER_VALUE.test(context.clientIp)) headers['x-forwarded-for'] = context.clientIp;
  } else {
    headers['x-request-id'] = randomUUID();
    headers['traceparent'] = childTraceContext(undefined, undefined).traceparent;
  }
  if (extra) {
    for (const [name, value] of Object.entries(extra)) {
      const key = name.toLowerCase();
      if (!PER_CALL_HEADERS.has(key)) {
        throw new Error(`The header "${key}" may not be sent to a downstream service.`);
      }
      headers[key] = checked(key, value);
    }
  }
  return headers;
}

function checked(name: string, value: string): string {
  const pattern =
    name === 'x-request-id'
      ? REQUEST_ID_PATTERN
      : name === 'idempotency-key'
        ? IDEMPOTENCY_KEY
        : HEADER_VALUE;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new Error(`The header "${name}" has a value that may not be sent to a downstream service.`);
  }
  return value;
}
