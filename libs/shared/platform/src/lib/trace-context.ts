import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const TRACESTATE = /^[\x20-\x7e]{1,512}$/;

export interface TraceContext {
  /** `traceparent` for calls this request makes: same trace, the gateway's own span. */
  traceparent: string;
  tracestate?: string;
}

/**
 * W3C Trace Context for outgoing calls: continues a valid incoming trace with a new
 * span id for the gateway hop, or starts a new trace. Invalid input is dropped
 * rather than forwarded.
 *
 * @example
 * childTraceContext('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', undefined).traceparent;
 * // '00-4bf92f3577b34da6a3ce929d0e0e4736-<16 new hex digits>-01'
 */
export function childTraceContext(
  traceparent: string | string[] | undefined,
  tracestate: string | string[] | undefined,
): TraceContext {
  const match = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent) : null;
  const [traceId, parentId, flags] = match ? match.slice(1) : [];
  const valid = traceId !== undefined && !/^0+$/.test(traceId) && !/^0+$/.test(parentId ?? '0');
  if (!valid) return { traceparent: `00-${randomBytes(16).toString('hex')}-${spanId()}-01` };
  return {
    traceparent: `00-${traceId}-${spanId()}-${flags}`,
    ...(typeof tracestate === 'string' && TRACESTATE.test(tracestate) ? { tracestate } : {}),
  };
}

function spanId(): string {
  return randomBytes(8).toString('hex');
}
