import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, HTTPMethods } from 'fastify';
import type { ServerResponse } from 'node:http';
import { isInfrastructureRoute } from '../infrastructure-route';
import { AdmissionControl, type AdmissionWaiter } from './admission-control';
import { AdmissionMetrics } from './admission.metrics';
import { ADMISSION_OPTIONS, type AdmissionOptions } from './admission.options';
import { EventLoopMonitor, type EventLoopSample } from './event-loop.monitor';
import { GatewayLoad } from './gateway-load';
import { OverloadedReply } from './overloaded.reply';

/** Length of a sampling window: the limit adapts, and expired waiters leave, this often. */
const WINDOW_MS = 100;
/** At most one overload line in the log per this many ms, however many requests were turned away. */
const LOG_EVERY_MS = 10_000;
/** Readiness reports the overload until this long after the last request was turned away. */
const OVERLOAD_HOLD_MS = 1_000;
const ROUTE_KEY = /^([A-Z]+) (\/\S*)$/;
const ADMITTED_AT = Symbol('bff.admittedAt');

type TrackedResponse = ServerResponse & { [ADMITTED_AT]?: number };

/**
 * Admission control at the edge, in Fastify's `onRequest` stage: after routing, before
 * authentication, body parsing, the request context or any downstream call, so a
 * request the gateway cannot serve costs it almost nothing.
 *
 * Two checks: the event-loop valve (while the loop's delay or utilisation has been past
 * its threshold for two windows running, everything is turned away), then the adaptive
 * concurrency limit with its deadline-aware queue ({@link AdmissionControl}). A
 * turned-away request gets `503 OVERLOADED` with `Retry-After` ({@link OverloadedReply});
 * infrastructure routes (`/health`, `/ready`) are never turned away. A slot is given
 * back when the response closes (sent, or its connection gone), never later.
 *
 * The valve takes two windows in a row past the threshold, so one long pause (a GC, a
 * machine busy elsewhere) does not close it, and it is armed only once the app has
 * started: compiling and wiring the app blocks the loop for seconds on a busy machine.
 *
 * Every 100 ms the window's event-loop sample adapts the limit; congested windows are
 * remembered for {@link GatewayLoad}, so a downstream call that timed out meanwhile is
 * not held against the service. Turned-away requests are logged at most once every
 * 10 s, as one line with their count.
 */
@Injectable()
export class AdmissionHooks extends GatewayLoad implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Admission');
  private readonly control: AdmissionControl;
  private readonly monitor = new EventLoopMonitor();
  private readonly overloaded: OverloadedReply;
  /** Each route's budget, by its route config object (one per route), looked up once. */
  private readonly budgets = new WeakMap<object, number>();
  /** A `close` listener shared by every admitted response: no closure per request. */
  private readonly releaseOnClose: (this: TrackedResponse) => void;
  private timer: NodeJS.Timeout | undefined;
  private turnedAwayBefore = 0;
  private lastTurnedAwayAt = Number.NEGATIVE_INFINITY;
  private lastLog = { at: 0, turnedAway: 0 };
  /** The valve acts from this time on: start-up blocks the loop, and its first samples would trip it. */
  private valveArmedAt = Number.POSITIVE_INFINITY;
  private lastWindowPastValve = false;
  /** Everything but infrastructure routes is turned away while this is set. */
  private valveClosed = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ADMISSION_OPTIONS) private readonly options: AdmissionOptions,
    private readonly metrics: AdmissionMetrics,
  ) {
    super();
    const control = new AdmissionControl({ limit: options.limit, maxQueue: options.maxQueue }, metrics);
    this.control = control;
    this.overloaded = new OverloadedReply(options.retryAfterSeconds);
    this.releaseOnClose = function releaseSlot(this: TrackedResponse) {
      const admittedAt = this[ADMITTED_AT];
      if (admittedAt === undefined) return;
      this[ADMITTED_AT] = undefined;
      control.release(admittedAt);
    };
    metrics.readGaugesFrom(() => ({ limit: control.currentLimit, inFlight: control.inFlight, waiting: control.queued }));
  }

  /** Whether requests were turned away in the last second: what readiness reports. */
  get isOverloaded(): boolean {
    return this.control.clock() - this.lastTurnedAwayAt < OVERLOAD_HOLD_MS;
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!this.options.enabled || typeof fastify?.addHook !== 'function') return;
    this.checkRouteBudgets(fastify);
    fastify.addHook('onRequest', this.onRequest);
    this.monitor.start();
    this.timer = setInterval(() => this.closeWindow(), WINDOW_MS);
    this.timer.unref();
  }

  onApplicationBootstrap(): void {
    this.valveArmedAt = this.control.clock() + 2 * WINDOW_MS;
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.monitor.stop();
  }

  congestedSince(startedAt: number): boolean {
    if (this.timer === undefined) return false;
    return this.control.congestedSince(startedAt) || this.control.isCongested(this.monitor.peek());
  }

  private readonly onRequest = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (this.valveClosed && !isInfrastructureRoute(request)) {
      this.metrics.record('valve');
      this.control.noteTurnedAway();
      this.overloaded.send(reply, 'event-loop');
      return;
    }
    if (this.control.tryAcquire()) {
      this.track(reply);
      done();
      return;
    }
    if (isInfrastructureRoute(request)) {
      done();
      return;
    }
    if (this.control.enqueue(new QueuedRequest(request, reply, done, this), this.budgetOf(request))) return;
    this.metrics.record('shed');
    // Answered here, and `done` never called: the request goes no further.
    this.overloaded.send(reply, 'concurrency-limit');
  };

  /** @internal Holds a slot for this response until it closes. */
  track(reply: FastifyReply): void {
    const response = reply.raw as TrackedResponse;
    response[ADMITTED_AT] = this.control.clock();
    response.on('close', this.releaseOnClose);
  }

  /** @internal Answers a queued request whose budget can no longer be met. */
  expire(reply: FastifyReply): void {
    this.overloaded.send(reply, 'queue-deadline');
  }

  private budgetOf(request: FastifyRequest): number {
    const { config } = request.routeOptions;
    let budget = this.budgets.get(config);
    if (budget === undefined) {
      const { method, url } = config as { method?: unknown; url?: unknown };
      budget = this.options.routeBudgets[`${String(method)} ${String(url)}`] ?? this.options.defaultBudgetMs;
      this.budgets.set(config, budget);
    }
    return budget;
  }

  private closeWindow(): void {
    const sample = this.monitor.sample();
    this.control.closeWindow(sample);
    const now = this.control.clock();
    const pastValve = this.isPastValve(sample) && now >= this.valveArmedAt;
    this.valveClosed = pastValve && this.lastWindowPastValve;
    this.lastWindowPastValve = pastValve;
    const turnedAway = this.metrics.turnedAway;
    if (turnedAway > this.turnedAwayBefore) this.lastTurnedAwayAt = now;
    this.turnedAwayBefore = turnedAway;
    if (turnedAway > this.lastLog.turnedAway && now - this.lastLog.at >= LOG_EVERY_MS) {
      const { limit, inFlight, waiting } = this.metrics.snapshot();
      this.logger.warn(
        `Overloaded: turned away ${turnedAway - this.lastLog.turnedAway} requests since the last report ` +
          `(limit ${limit}, ${inFlight} in flight, ${waiting} queued)`,
      );
      this.lastLog = { at: now, turnedAway };
    }
  }

  private isPastValve(sample: EventLoopSample): boolean {
    const { maxDelayMs, maxUtilization } = this.options.eventLoop;
    return (maxDelayMs > 0 && sample.delayMs > maxDelayMs) || (maxUtilization > 0 && sample.utilization > maxUtilization);
  }

  /** A route budget naming no route is a typo that would silently leave that route on the default. */
  private checkRouteBudgets(fastify: FastifyInstance): void {
    const unknown = Object.keys(this.options.routeBudgets).filter((key) => {
      const match = ROUTE_KEY.exec(key);
      return match === null || !fastify.hasRoute({ method: match[1] as HTTPMethods, url: match[2] as string });
    });
    if (unknown.length > 0) {
      throw new Error(`Admission route budgets name routes that do not exist: ${unknown.join(', ')} (expected "<METHOD> <path pattern>")`);
    }
  }
}

/** A request waiting in the queue; made only when the gateway is at its limit. */
class QueuedRequest implements AdmissionWaiter {
  deadline = 0;

  constructor(
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
    private readonly done: HookHandlerDoneFunction,
    private readonly hooks: AdmissionHooks,
  ) {}

  isGone(): boolean {
    return this.request.raw.socket?.destroyed === true;
  }

  admit(): void {
    this.hooks.track(this.reply);
    this.done();
  }

  expire(): void {
    this.hooks.expire(this.reply);
  }
}
