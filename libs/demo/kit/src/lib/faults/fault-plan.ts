import type { FaultSpec } from '@bff/downstream-contracts';

/** What happens to one request after its latency. */
export type FaultAction =
  | { kind: 'pass' }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'status'; status: number }
  | { kind: 'invalid-body' };

export interface FaultPlan {
  latencyMs: number;
  action: FaultAction;
}

const PASS: FaultAction = { kind: 'pass' };

/**
 * Decides, once per request, what a spec does to it. The error-rate roll is the only
 * random part, drawn from the injected source so tests can script it.
 */
export function planFault(spec: FaultSpec, random: () => number): FaultPlan {
  const latencyMs = spec.latencyMs ?? 0;
  const failure = failureOf(spec);
  if (spec.errorRate !== undefined) {
    const fails = random() < spec.errorRate;
    return { latencyMs, action: fails ? (failure ?? { kind: 'status', status: 500 }) : PASS };
  }
  return { latencyMs, action: failure ?? PASS };
}

function failureOf(spec: FaultSpec): FaultAction | undefined {
  if (spec.reset) return { kind: 'reset' };
  if (spec.hang) return { kind: 'hang' };
  if (spec.status !== undefined) return { kind: 'status', status: spec.status };
  if (spec.invalidBody) return { kind: 'invalid-body' };
  return undefined;
}
