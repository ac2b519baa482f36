import type { SpanContext } from '@opentelemetry/api';

/**
 * The W3C `traceparent` naming a span: what a downstream service continues the trace
 * from, and what the request context carries (its trace id is the access line's).
 *
 * @example
 * traceparentOf(span.spanContext()); // '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
 */
export function traceparentOf({ traceId, spanId, traceFlags }: SpanContext): string {
  return `00-${traceId}-${spanId}-${traceFlags < 16 ? '0' : ''}${(traceFlags & 0xff).toString(16)}`;
}

/**
 * The span's `tracestate`, as received with the trace, or `undefined` when there was none.
 *
 * @example
 * tracestateOf(span.spanContext()); // 'vendor=value' | undefined
 */
export function tracestateOf({ traceState }: SpanContext): string | undefined {
  const serialized = traceState?.serialize();
  return serialized === undefined || serialized === '' ? undefined : serialized;
}
