import { RequestContext } from '@bff/platform';
import { Metadata, status as GrpcStatus, type CallOptions as GrpcCallOptions, type ClientUnaryCall, type requestCallback } from '@grpc/grpc-js';
import { classify, isRetryable } from '../failure/failure.classifier';
import { GrpcCallError } from '../failure/grpc-call.error';
import { ServiceResilience } from '../resilience/service-resilience';
import type { DownstreamOptions, DownstreamService } from '../service-clients.options';
import type { CallOptions } from './call-options';
import type { DownstreamCallRecorder } from './downstream-call.observer';
import type { DownstreamCallSpan, DownstreamCallSpans } from './downstream-call.tracer';
import { downstreamHeaders } from './downstream-headers';
import { mapDownstreamError } from './downstream-error.mapper';
import { runResilient, type ResilientCallPlan, type RetryRules } from './resilient-call';

/**
 * A unary method of a generated gRPC client, bound to it, e.g. `client.getStock.bind(client)`.
 *
 * @example
 * const method: UnaryMethod<GetStockRequest, Stock__Output> = client.getStock.bind(client);
 */
export type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: GrpcCallOptions,
  callback: requestCallback<Res>,
) => ClientUnaryCall;

/**
 * One unary gRPC call, described by data like an HTTP `DownstreamRequest`.
 *
 * @example
 * const request: GrpcRequest<GetStockRequest, Stock__Output> = {
 *   method: client.getStock.bind(client), rpc: '/inventory.v1.InventoryService/GetStock', message: { productId: '42' }, idempotent: true,
 *   notFound: 'No inventory for product 42.', isValid: (stock) => stock.productId === '42',
 * };
 */
export interface GrpcRequest<Req, Res> {
  method: UnaryMethod<Req, Res>;
  /** The method's full name, `/package.Service/Method`, as the call's span names it. */
  rpc: string;
  message: Req;
  /** Safe to send twice (a read): only such calls are retried. */
  idempotent: boolean;
  /** Problem detail when the service answers `NOT_FOUND`. */
  notFound?: string;
  /** Rejects an answer that is not the one asked for, as a bad upstream response. */
  isValid?: (response: Res) => boolean;
}

/** gRPC's retry rule: `UNAVAILABLE` only (see `GRPC_STATUS_RULES`); no status asks for a wait. */
const GRPC_RETRY_RULES: RetryRules = { isRetryable, askedDelayMs: () => undefined };

/**
 * Every unary gRPC call of one service's client goes through {@link GrpcCaller.unary},
 * on the same road as its HTTP calls: the service's bulkhead, breaker and retry
 * budget ({@link runResilient}), each try's deadline the service's `timeoutMs` cut to
 * what is left of the caller's budget, cancellation by the caller's signal, the
 * metadata built by the same allowlist as HTTP headers (`downstreamHeaders`: request
 * id, `traceparent`, `accept-language`, the verified subject as `x-user-id`), and
 * every failure mapped in one place (`mapDownstreamError`), so no gRPC detail string
 * reaches a client.
 *
 * @example
 * const caller = new GrpcCaller('inventory', options.inventory, resilience.of('inventory'));
 * const stock = await caller.unary({ method: client.getStock.bind(client), message: { productId }, idempotent: true }, { signal });
 */
export class GrpcCaller {
  constructor(
    readonly service: DownstreamService,
    private readonly options: DownstreamOptions,
    private readonly resilience: ServiceResilience = new ServiceResilience(options),
    /** Where each call's outcome and duration go, when the app observes its calls. */
    private readonly recorder?: DownstreamCallRecorder,
    /** Starts each call's span, when the app exports traces. */
    private readonly spans?: DownstreamCallSpans,
  ) {}

  async unary<Req, Res>(request: GrpcRequest<Req, Res>, options: CallOptions = {}): Promise<Res> {
    const { signal } = options;
    let span: DownstreamCallSpan | undefined;
    try {
      const headers = downstreamHeaders(RequestContext.current()?.data, options.headers);
      span = this.spans?.start(headers, request.rpc);
      const metadata = toMetadata(headers);
      const plan: ResilientCallPlan = {
        resilience: this.resilience,
        retry: this.options.retry,
        idempotent: request.idempotent,
        deadline: performance.now() + (options.timeoutMs ?? this.options.callTimeoutMs),
        signal,
        recorder: this.recorder,
      };
      if (signal?.aborted) throw signal.reason;
      // A spent budget is the caller's doing: fail before the breaker can count it.
      tryTimeoutMs(plan.deadline - performance.now());
      const response = await runResilient(plan, () => this.send(request, metadata, plan, span), GRPC_RETRY_RULES);
      span?.answered(GrpcStatus.OK);
      span?.end('success');
      return response;
    } catch (error) {
      span?.end(classify(error, signal));
      throw mapDownstreamError(error, { service: this.service, signal, notFound: request.notFound });
    }
  }

  /** One try: its deadline travels to the service, which stops working on it when it passes. */
  private send<Req, Res>(
    request: GrpcRequest<Req, Res>,
    metadata: Metadata,
    plan: ResilientCallPlan,
    span: DownstreamCallSpan | undefined,
  ): Promise<Res> {
    const timeoutMs = tryTimeoutMs(Math.min(this.options.timeoutMs, plan.deadline - performance.now()));
    const { signal } = plan;
    return new Promise<Res>((resolve, reject) => {
      const onAbort = (): void => {
        call.cancel();
        reject(signal?.reason);
      };
      // A fresh copy per try: grpc-js may add to the metadata it sends.
      const call = request.method(request.message, metadata.clone(), { deadline: Date.now() + timeoutMs }, (error, response) => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) return;
        if (error) {
          span?.answered(error.code);
          reject(new GrpcCallError(error.code));
        }
        else if (response === undefined || (request.isValid !== undefined && !request.isValid(response))) {
          reject(new GrpcCallError(GrpcStatus.OK, true));
        } else resolve(response);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** The call's headers as gRPC metadata: the same names and values, all ASCII by construction. */
function toMetadata(headers: Readonly<Record<string, string>>): Metadata {
  const metadata = new Metadata();
  for (const [name, value] of Object.entries(headers)) metadata.set(name, value);
  return metadata;
}

/** A try needs at least a millisecond: with less, the call has timed out. */
function tryTimeoutMs(ms: number): number {
  if (!(ms >= 1)) throw new GrpcCallError(GrpcStatus.DEADLINE_EXCEEDED);
  return Math.floor(ms);
}
