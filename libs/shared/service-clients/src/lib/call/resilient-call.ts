import { classify } from '../failure/failure.classifier';
import { fullJitterDelay } from '../resilience/backoff';
import type { ServiceResilience } from '../resilience/service-resilience';
import type { RetryOptions } from '../service-clients.options';
import type { DownstreamCallRecorder } from './downstream-call.observer';

/**
 * One call as the resilience layers see it, whatever protocol carries it.
 *
 * @example
 * const plan: ResilientCallPlan = { resilience, retry: options.retry, idempotent: true, deadline: performance.now() + 800, signal };
 */
export interface ResilientCallPlan {
  /** The service's resilience state, or that of the call's lane. */
  resilience: ServiceResilience;
  retry: RetryOptions;
  /** Only idempotent calls are tried again. */
  idempotent: boolean;
  /** `performance.now()` by which every try and backoff must be over. */
  deadline: number;
  signal: AbortSignal | undefined;
  /** Told how the call ended and how long it took, when the app observes its calls. */
  recorder?: DownstreamCallRecorder;
}

/**
 * What a protocol says about its own failures: which are worth another try, and
 * whether the service asked for a wait before it (HTTP's `Retry-After`).
 *
 * @example
 * const rules: RetryRules = { isRetryable: (error) => isUnavailable(error), askedDelayMs: () => undefined };
 */
export interface RetryRules {
  isRetryable(error: unknown): boolean;
  askedDelayMs(error: unknown): number | undefined;
}

/** Less time than this left after a backoff, and a retry could not even be sent. */
const MIN_TRY_MS = 1;

/**
 * Runs `tryOnce` through the service's resilience layers, outermost first:
 *
 * 1. bulkhead: caps the calls in flight to this service (and those waiting), for the
 *    whole call, retries and backoff included; full → rejected at once. It is
 *    outermost so the breaker sees only the service's own outcomes, never the gateway
 *    shedding load;
 * 2. circuit breaker: open → rejected at once (handing its slot straight back). It is
 *    outside the retries, so it judges calls, not tries: a call rescued by a retry is
 *    a success, and an open breaker never meets a retry loop;
 * 3. retries: idempotent calls only, within the retry budget and the call's deadline,
 *    after a capped, fully jittered backoff or the wait the service asked for.
 *
 * The per-try time limit and the transport are `tryOnce`'s own; HTTP and gRPC calls
 * share everything else, so a service behaves the same whatever protocol reaches it.
 * A plan with a `recorder` has the call's outcome and duration reported to it, once,
 * whatever layer ended it.
 *
 * @example
 * return runResilient(plan, () => send(request), HTTP_RETRY_RULES);
 */
export function runResilient<T>(plan: ResilientCallPlan, tryOnce: () => Promise<T>, rules: RetryRules): Promise<T> {
  const { resilience, signal, recorder } = plan;
  const startedAt = performance.now();
  const call = resilience.bulkhead.run(
    () => resilience.breaker.execute(() => withRetries(plan, tryOnce, rules), signal),
    signal,
  );
  // Unobserved, a call costs no extra promise.
  return recorder === undefined ? call : recorded(call, recorder, signal, startedAt);
}

/**
 * Reports the call's outcome, classified as the breaker and the error mapper see it,
 * so a call refused by an open breaker or a full bulkhead is reported as such.
 */
async function recorded<T>(
  call: Promise<T>,
  recorder: DownstreamCallRecorder,
  signal: AbortSignal | undefined,
  startedAt: number,
): Promise<T> {
  try {
    const value = await call;
    recorder.record('success', (performance.now() - startedAt) / 1_000);
    return value;
  } catch (error) {
    recorder.record(classify(error, signal), (performance.now() - startedAt) / 1_000);
    throw error;
  }
}

async function withRetries<T>(plan: ResilientCallPlan, tryOnce: () => Promise<T>, rules: RetryRules): Promise<T> {
  plan.resilience.retryBudget.recordCall();
  for (let retry = 0; ; retry++) {
    try {
      return await tryOnce();
    } catch (error) {
      const delay = retryDelay(plan, rules, error, retry);
      if (delay === undefined || !plan.resilience.retryBudget.tryRetry()) throw error;
      await sleep(delay, plan.signal);
    }
  }
}

/** How long to wait before retrying, or `undefined` when this failure ends the call. */
function retryDelay(plan: ResilientCallPlan, rules: RetryRules, error: unknown, retry: number): number | undefined {
  const { retry: policy, signal } = plan;
  if (!plan.idempotent || retry >= policy.retries || signal?.aborted || !rules.isRetryable(error)) return undefined;
  const asked = rules.askedDelayMs(error);
  // Retrying sooner than the service asked would defy it; waiting longer than the cap would stall the caller.
  if (asked !== undefined && asked > policy.maxRetryAfterMs) return undefined;
  const delay = asked ?? fullJitterDelay(retry, policy, plan.resilience.random);
  // A try needs time after the wait; with none left, the failure at hand is the answer.
  return plan.deadline - performance.now() - delay >= MIN_TRY_MS ? delay : undefined;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
