import type { TierPolicy } from './tier-policy';

/**
 * Float slack for comparisons of millisecond timestamps around 1.7e12, where one
 * ulp is about 0.0002 ms; far below anything a client could observe.
 */
export const EPSILON_MS = 0.01;

/** Where one policy stands after a decision. */
export interface GcraOutcome {
  /** Requests still available under this policy right now. */
  remaining: number;
  /** Whole milliseconds until one more request becomes available. */
  waitMs: number;
  /** True when this policy alone would have refused the request. */
  exceeded: boolean;
}

export interface GcraResult {
  allowed: boolean;
  /** The theoretical arrival times to store, one per policy (unchanged when refused). */
  tats: number[];
  outcomes: GcraOutcome[];
  /** How long the stored state matters; after that it equals a fresh caller. */
  ttlMs: number;
}

/**
 * The Generic Cell Rate Algorithm over several policies at once, all or nothing.
 *
 * Each policy keeps one number, its theoretical arrival time (TAT): the instant at
 * which the caller's bucket would be empty again if no further request came. With
 * an emission interval `T = window / limit`, a request at `now` fits when
 * `max(TAT, now) + T - now <= window`; accepting it moves TAT by `T`.
 *
 * There is no window edge: after a full burst at any instant, capacity comes back
 * one request per `T`, so the fixed-window "limit at 0:59 and limit again at 1:00"
 * double burst cannot happen. Over any span `d` a caller gets at most
 * `limit + floor(d / T)` requests.
 *
 * A request is accepted only if every policy has room, and only then are all
 * policies charged, so a request refused by the per-minute quota does not eat into
 * the burst quota (and the other way round). `gcra.script.ts` runs the
 * same arithmetic in Lua; keep the two in step.
 *
 * @example
 * const { allowed, tats } = gcra([{ name: 'minute', limit: 600, windowSeconds: 60 }], [undefined], Date.now());
 */
export function gcra(
  policies: readonly TierPolicy[],
  stored: readonly (number | undefined)[],
  now: number,
): GcraResult {
  const steps = policies.map((policy, index) => {
    const windowMs = policy.windowSeconds * 1000;
    const interval = windowMs / policy.limit;
    const tat = Math.max(stored[index] ?? now, now);
    return { policy, windowMs, interval, tat, fits: tat + interval - now <= windowMs + EPSILON_MS };
  });
  const allowed = steps.every((step) => step.fits);
  const tats = steps.map((step) => (allowed ? step.tat + step.interval : step.tat));
  const outcomes = steps.map((step, index): GcraOutcome => {
    const credit = step.windowMs - (tats[index] - now);
    const remaining = Math.min(
      step.policy.limit,
      Math.max(0, Math.floor((credit + EPSILON_MS) / step.interval)),
    );
    return { remaining, waitMs: Math.ceil((remaining + 1) * step.interval - credit), exceeded: !step.fits };
  });
  return { allowed, tats, outcomes, ttlMs: Math.ceil(Math.max(0, ...tats.map((tat) => tat - now))) };
}
