import type { FaultSpec } from '@bff/downstream-contracts';

/**
 * What carries the request a fault is planned for: the knobs are the same, except
 * that `grpcStatus` only reaches gRPC calls.
 */
export type FaultTransport = 'http' | 'grpc';

/** What happens to one request after its latency. */
export type FaultAction<T extends FaultTransport = 'http'> =
  | { kind: 'pass' }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'status'; status: number }
  | { kind: 'invalid-body' }
  | (T extends 'grpc' ? { kind: 'grpc-status'; code: number } : never);

export interface FaultPlan<T extends FaultTransport = 'http'> {
  latencyMs: number;
  action: FaultAction<T>;
}

const PASS = { kind: 'pass' } as const;

/**
 * Decides, once per request, what a spec does to it. The error-rate roll is the only
 * random part, drawn from the injected source so tests can script it. On `'grpc'`,
 * `grpcStatus` takes the place of `status` (and wins over it).
 */
export function planFault(spec: FaultSpec, random: () => number): FaultPlan;
export function planFault<T extends FaultTransport>(spec: FaultSpec, random: () => number, transport: T): FaultPlan<T>;
export function planFault(spec: FaultSpec, random: () => number, transport: FaultTransport = 'http'): FaultPlan<FaultTransport> {
  const latencyMs = spec.latencyMs ?? 0;
  const failure = failureOf(spec, transport);
  if (spec.errorRate !== undefined) {
    const fails = random() < spec.errorRate;
    return { latencyMs, action: fails ? (failure ?? { kind: 'status', status: 500 }) : PASS };
  }
  return { latencyMs, action: failure ?? PASS };
}

function failureOf(spec: FaultSpec, transport: FaultTransport): FaultAction<FaultTransport> | undefined {
  if (spec.reset) return { kind: 'reset' };
  if (spec.hang) return { kind: 'hang' };
  if (transport === 'grpc' && spec.grpcStatus !== undefined) return { kind: 'grpc-status', code: spec.grpcStatus };
  if (spec.status !== undefined) return { kind: 'status', status: spec.status };
  if (spec.invalidBody) return { kind: 'invalid-body' };
  return undefined;
}
