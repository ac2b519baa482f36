import { RequestContext } from '@bff/platform';
import { AmqpCallError } from '../failure/amqp-call.error';
import { classify } from '../failure/failure.classifier';
import { ServiceResilience } from '../resilience/service-resilience';
import type { DownstreamOptions, DownstreamService } from '../service-clients.options';
import { AmqpRpcTransport } from '../transport/amqp-rpc.transport';
import type { CallOptions } from './call-options';
import type { DownstreamCallRecorder } from './downstream-call.observer';
import type { DownstreamCallSpan, DownstreamCallSpans } from './downstream-call.tracer';
import { downstreamHeaders } from './downstream-headers';
import { mapDownstreamError } from './downstream-error.mapper';
import { runResilient, type ResilientCallPlan, type RetryRules } from './resilient-call';

/**
 * A reply, read: the answer, or a failure with the HTTP status that names it.
 *
 * @example
 * const reply: AmqpReply<DeliveryEstimate> = { ok: false, status: 404 };
 */
export type AmqpReply<Res> = { ok: true; value: Res } | { ok: false; status: number };

/**
 * One AMQP request/reply call, described by data like an HTTP `DownstreamRequest`.
 *
 * @example
 * const request: AmqpRpcRequest<DeliveryEstimate> = {
 *   message: { productId: '42' },
 *   reply: (json) => toReply(deliveryEstimateReplySchema.parse(json)),
 *   notFound: 'No delivery estimate for product 42.',
 *   isValid: (estimate) => estimate.productId === '42',
 * };
 */
export interface AmqpRpcRequest<Res> {
  message: unknown;
  /** Reads the parsed reply body; throws (e.g. a `ZodError`) when it is not the contract's. */
  reply: (json: unknown) => AmqpReply<Res>;
  /** Problem detail when the service answers 404. */
  notFound?: string;
  /** Rejects an answer that is not the one asked for, as a bad upstream response. */
  isValid?: (response: Res) => boolean;
}

/**
 * A request over a broker is never sent twice: a request the broker handed back
 * could be, but the service is then not running, and a lost reply may still be
 * answered; the call's own budget is the only wait.
 */
const AMQP_RETRY_RULES: RetryRules = { isRetryable: () => false, askedDelayMs: () => undefined };

/**
 * Every request/reply call of one service reached over AMQP goes through
 * {@link AmqpRpcCaller.request}, on the same road as its HTTP and gRPC calls: the
 * service's bulkhead and breaker ({@link runResilient}), the try's time limit the
 * service's `timeoutMs` cut to what is left of the caller's budget (and the request's
 * expiry on the broker), cancellation by the caller's signal, the headers built by the
 * same allowlist as HTTP (`downstreamHeaders`), and every failure mapped in one place
 * (`mapDownstreamError`), so a broker outage reads like any unavailable service.
 *
 * @example
 * const caller = new AmqpRpcCaller('shipping', options.shipping, resilience.of('shipping'), transport);
 * const estimate = await caller.request({ message: { productId }, reply }, { signal });
 */
export class AmqpRpcCaller {
  constructor(
    readonly service: DownstreamService,
    private readonly options: DownstreamOptions,
    private readonly resilience: ServiceResilience,
    private readonly transport: AmqpRpcTransport,
    /** Where each call's outcome and duration go, when the app observes its calls. */
    private readonly recorder?: DownstreamCallRecorder,
    /** Starts each call's span, when the app exports traces. */
    private readonly spans?: DownstreamCallSpans,
  ) {}

  async request<Res>(request: AmqpRpcRequest<Res>, options: CallOptions = {}): Promise<Res> {
    const { signal } = options;
    let span: DownstreamCallSpan | undefined;
    try {
      const headers = downstreamHeaders(RequestContext.current()?.data, options.headers);
      span = this.spans?.start(headers, this.transport.amqpOf(this.service).requestQueue);
      const plan: ResilientCallPlan = {
        resilience: this.resilience,
        retry: this.options.retry,
        idempotent: false,
        deadline: performance.now() + (options.timeoutMs ?? this.options.callTimeoutMs),
        signal,
        recorder: this.recorder,
      };
      if (signal?.aborted) throw signal.reason;
      // A spent budget is the caller's doing: fail before the breaker can count it.
      tryTimeoutMs(plan.deadline - performance.now());
      const value = await runResilient(plan, () => this.send(request, headers, plan), AMQP_RETRY_RULES);
      span?.end('success');
      return value;
    } catch (error) {
      span?.end(classify(error, signal));
      throw mapDownstreamError(error, { service: this.service, signal, notFound: request.notFound });
    }
  }

  private async send<Res>(
    request: AmqpRpcRequest<Res>,
    headers: Readonly<Record<string, string>>,
    plan: ResilientCallPlan,
  ): Promise<Res> {
    const timeoutMs = tryTimeoutMs(Math.min(this.options.timeoutMs, plan.deadline - performance.now()));
    const { requestQueue } = this.transport.amqpOf(this.service);
    const body = await this.transport.channelFor(this.service).request({
      queue: requestQueue,
      body: Buffer.from(JSON.stringify(request.message)),
      timeoutMs,
      headers,
      signal: plan.signal,
    });
    if (body.length > this.options.maxResponseBytes)
      throw new AmqpCallError('bad-response', true, 'reply too large');
    let reply: AmqpReply<Res>;
    try {
      reply = request.reply(JSON.parse(body.toString('utf8')));
    } catch {
      throw new AmqpCallError('bad-response', true, 'invalid reply');
    }
    if (!reply.ok) throw AmqpCallError.fromStatus(reply.status);
    if (request.isValid !== undefined && !request.isValid(reply.value)) {
      throw new AmqpCallError('bad-response', true, 'reply to another request');
    }
    return reply.value;
  }
}

/** A try needs at least a millisecond: with less, the call has timed out. */
function tryTimeoutMs(ms: number): number {
  if (!(ms >= 1)) throw new AmqpCallError('timeout', false, 'budget spent');
  return Math.floor(ms);
}
