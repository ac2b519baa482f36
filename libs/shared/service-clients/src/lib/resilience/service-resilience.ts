import type { GatewayLoad } from '@bff/platform';
import { isServiceFault, isTimeoutFailure } from '../failure/failure.classifier';
import type { DownstreamOptions } from '../service-clients.options';
import { Bulkhead } from './bulkhead';
import { CircuitBreaker, type BreakerState } from './circuit-breaker';
import { RetryBudget } from './retry-budget';

/**
 * The resilience state of one downstream service, for health checks and metrics.
 *
 * @example
 * const { breaker, inFlight, queued, retryBudget, totals } = health.states().review;
 * if (breaker === 'open') report('review service failing');
 */
export interface DownstreamState {
  breaker: BreakerState;
  /** Calls holding a bulkhead slot, and calls waiting for one. */
  inFlight: number;
  queued: number;
  /** Calls and retries over the retry budget's current window, and retries still allowed in it. */
  retryBudget: { calls: number; retries: number; available: number };
  /** Counters since start. */
  totals: {
    /** Calls that reached the retry stage (not failed fast), and retries made for them. */
    calls: number;
    retries: number;
    /** Retries refused because the retry budget was spent. */
    retriesDenied: number;
    /** Calls failed fast by an open circuit breaker, without a request. */
    shortCircuited: number;
    /** Calls failed fast by a full bulkhead, without a request. */
    rejected: number;
    /** Timed-out calls not held against the service because the gateway itself was congested meanwhile. */
    excusedTimeouts: number;
  };
}

/**
 * The bulkhead, circuit breaker and retry budget of one downstream service,
 * shared by every call to it. The order they apply in is stated in
 * `DownstreamCaller.call`.
 *
 * The breaker judges the service, not the gateway: what counts against it is a
 * service fault (`isServiceFault`), except a timeout while the gateway's own event
 * loop was congested (`GatewayLoad`): its answer may have been waiting, unread, for
 * the gateway to get to it. A call the gateway cancelled, or refused itself (full
 * bulkhead), never counts either.
 *
 * @example
 * const resilience = new ServiceResilience(options.review);
 * const caller = new DownstreamCaller(http, 'review', options.review, resilience);
 */
export class ServiceResilience {
  readonly bulkhead: Bulkhead;
  readonly breaker: CircuitBreaker;
  readonly retryBudget: RetryBudget;

  private excused = 0;
  private readonly lanes = new Map<string, ServiceResilience>();

  constructor(
    private readonly options: Pick<DownstreamOptions, 'retry' | 'breaker' | 'bulkhead'>,
    /** Source of the backoff jitter, in [0, 1). */
    readonly random: () => number = Math.random,
    /** The gateway's own load; without it every timeout counts. */
    private readonly load?: GatewayLoad,
  ) {
    this.bulkhead = new Bulkhead(options.bulkhead);
    this.breaker = new CircuitBreaker(options.breaker, (error, signal, startedAt) => this.isFailure(error, signal, startedAt));
    this.retryBudget = new RetryBudget(options.retry);
  }

  /**
   * A lane of this service with a bulkhead, breaker and retry budget of its own (same
   * policy, separate state), created on first use. Calls on a lane neither take the
   * service's slots nor count toward its breaker, and its breaker never blocks them:
   * a flood of sign-ins that slows the credential check cannot open the breaker that
   * serves profile reads, and a profile outage cannot lock everyone out of signing in.
   *
   * @example
   * const credentials = resilience.lane('credentials');
   * await credentials.bulkhead.run(() => credentials.breaker.execute(verify));
   */
  lane(name: string): ServiceResilience {
    let lane = this.lanes.get(name);
    if (lane === undefined) {
      lane = new ServiceResilience(this.options, this.random, this.load);
      this.lanes.set(name, lane);
    }
    return lane;
  }

  private isFailure(error: unknown, signal: AbortSignal | undefined, startedAt: number): boolean {
    if (!isServiceFault(error, signal)) return false;
    if (this.load === undefined || !isTimeoutFailure(error, signal) || !this.load.congestedSince(startedAt)) return true;
    this.excused += 1;
    return false;
  }

  state(): DownstreamState {
    const { calls, retries, available, totalCalls, totalRetries, denied } = this.retryBudget.snapshot();
    return {
      breaker: this.breaker.state,
      inFlight: this.bulkhead.inFlight,
      queued: this.bulkhead.queued,
      retryBudget: { calls, retries, available },
      totals: {
        calls: totalCalls,
        retries: totalRetries,
        retriesDenied: denied,
        shortCircuited: this.breaker.shortCircuited,
        rejected: this.bulkhead.rejected,
        excusedTimeouts: this.excused,
      },
    };
  }
}
