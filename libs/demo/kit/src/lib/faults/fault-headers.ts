import type { IncomingHttpHeaders } from 'node:http';
import { type FaultSpec, faultSpecSchema } from '@bff/downstream-contracts';
import { BffError } from '@bff/problem';

/**
 * The request headers that inject a fault into that one request, by knob. A gateway
 * that forwards them lets an end-to-end test break a single downstream call.
 *
 * @example
 * await fetch(`${url}/products/1`, { headers: { [FAULT_HEADERS.status]: '503' } });
 */
export const FAULT_HEADERS = {
  latencyMs: 'x-fault-latency-ms',
  status: 'x-fault-status',
  /** gRPC calls only (as call metadata); HTTP requests ignore it. */
  grpcStatus: 'x-fault-grpc-status',
  hang: 'x-fault-hang',
  errorRate: 'x-fault-error-rate',
  reset: 'x-fault-reset',
  invalidBody: 'x-fault-invalid-body',
} as const;

type HeaderKnob = keyof typeof FAULT_HEADERS;

const NUMBER = /^\d{1,9}(\.\d{1,9})?$/;
const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, '1': true, false: false, '0': false };
const NUMERIC: ReadonlySet<HeaderKnob> = new Set(['latencyMs', 'status', 'grpcStatus', 'errorRate']);

/**
 * The fault a request asks for through its `x-fault-*` headers, or `undefined` when
 * it carries none. A malformed header is a 400 naming it, never silently ignored.
 */
export function faultSpecFromHeaders(headers: IncomingHttpHeaders): FaultSpec | undefined {
  const spec: Partial<Record<HeaderKnob, number | boolean>> = {};
  let present = false;
  for (const knob of Object.keys(FAULT_HEADERS) as HeaderKnob[]) {
    const header = FAULT_HEADERS[knob];
    const raw = headers[header];
    if (raw === undefined) continue;
    present = true;
    const value = typeof raw === 'string' ? parseValue(knob, raw.trim()) : undefined;
    if (value === undefined) {
      throw invalidHeader(header, `${header} must be ${NUMERIC.has(knob) ? 'a number' : 'true, false, 1 or 0'}.`);
    }
    spec[knob] = value;
  }
  if (!present) return undefined;
  const result = faultSpecSchema.safeParse(spec);
  if (!result.success) {
    const issue = result.error.issues[0];
    const knob = issue?.path[0] as HeaderKnob;
    throw invalidHeader(FAULT_HEADERS[knob], `${FAULT_HEADERS[knob]}: ${issue?.message ?? 'invalid value'}.`);
  }
  return result.data;
}

function parseValue(knob: HeaderKnob, raw: string): number | boolean | undefined {
  if (NUMERIC.has(knob)) return NUMBER.test(raw) ? Number(raw) : undefined;
  return BOOLEANS[raw.toLowerCase()];
}

function invalidHeader(header: string, detail: string): BffError {
  return new BffError('BAD_REQUEST', detail, { header });
}
