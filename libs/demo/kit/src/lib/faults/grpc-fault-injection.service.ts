import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import {
  status as GrpcStatus,
  type ServerErrorResponse,
  type ServerUnaryCall,
  type handleUnaryCall,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { faultSpecFromHeaders } from './fault-headers';
import { type FaultAction, planFault } from './fault-plan';
import { FAULT_RANDOM } from './fault-random.token';
import { FaultStore } from './fault-store.service';
import { type FaultClient, FaultWaits } from './fault-waits';
import { grpcError, grpcErrorOf } from './grpc-error';
import { metadataHeaders } from './grpc-metadata-headers';
import { grpcStatusForHttp } from './grpc-status-for-http';
import { RequestLog } from './request-log.service';
import { RequestStats } from './request-stats.service';

/**
 * One unary method of a demo service's gRPC API, as {@link GrpcFaultInjection.unary}
 * serves it.
 *
 * @example
 * const getStock: GrpcUnaryMethod<GetStockRequest, Stock> = {
 *   path: '/inventory.v1.InventoryService/GetStock',
 *   handle: ({ productId }) => inventory.get(productId),
 *   garble: (stock) => ({ ...stock, productId: `not-${stock.productId}` }),
 * };
 */
export interface GrpcUnaryMethod<Request, Response> {
  /** The method's full path: what the request log records and a fault's `path` matches. */
  path: string;
  /** The answer; a thrown `BffError` ends the call with the gRPC status its HTTP status maps to. */
  handle(request: Request): Response | Promise<Response>;
  /** What `invalidBody` answers instead: a well-formed message a strict client can tell is wrong. */
  garble(response: Response): Response;
}

/** Fault statuses carry the same detail as the HTTP problem body. */
const INJECTED = 'Fault injected on purpose.';

/**
 * The fault knobs for a demo service's gRPC methods: the same `FaultStore`, `x-fault-*`
 * knobs (as metadata), error-rate roll, counters and request log as HTTP requests,
 * with the method path where HTTP has the URL path. A call is logged as a `POST` with
 * its metadata as headers. What HTTP does to a connection, gRPC does with a status:
 * `status` becomes the gRPC code {@link grpcStatusForHttp} maps it to (`grpcStatus`
 * wins over it), `reset` is `UNAVAILABLE` "connection reset", `hang` waits for the
 * client's cancel or deadline, and a shutdown ends the waits with `UNAVAILABLE`.
 *
 * @example
 * server.addService(InventoryService.service, {
 *   GetStock: grpcFaults.unary({ path: GET_STOCK_PATH, handle, garble }),
 * });
 */
@Injectable()
export class GrpcFaultInjection implements BeforeApplicationShutdown {
  private readonly waits = new FaultWaits();

  constructor(
    private readonly store: FaultStore,
    private readonly stats: RequestStats,
    private readonly log: RequestLog,
    @Inject(FAULT_RANDOM) private readonly random: () => number,
  ) {}

  /** The grpc-js handler of `method`, with the fault knobs in front of it. */
  unary<Request, Response>(method: GrpcUnaryMethod<Request, Response>): handleUnaryCall<Request, Response> {
    return (call, callback) => void this.serve(method, call, callback);
  }

  beforeApplicationShutdown(): void {
    this.waits.endAll();
  }

  private async serve<Request, Response>(
    method: GrpcUnaryMethod<Request, Response>,
    call: ServerUnaryCall<Request, Response>,
    callback: sendUnaryData<Response>,
  ): Promise<void> {
    const headers = metadataHeaders(call.metadata);
    this.stats.recordRequest(method.path);
    this.log.record('POST', method.path, headers);
    const client = new GrpcCall(call, () => this.stats.recordAborted());
    const answer = (error: ServerErrorResponse | null, response?: Response) => {
      client.answered = true;
      callback(error, response);
    };
    try {
      const spec = faultSpecFromHeaders(headers) ?? this.store.take(method.path);
      const { latencyMs, action } = spec ? planFault(spec, this.random, 'grpc') : PASS_PLAN;
      if (latencyMs > 0 && !(await this.waited(client, latencyMs, answer))) return;
      const failure = failureOf(action);
      if (failure) return answer(failure);
      if (action.kind === 'hang') {
        await this.waited(client, undefined, answer);
        return;
      }
      const response = await method.handle(call.request);
      answer(null, action.kind === 'invalid-body' ? method.garble(response) : response);
    } catch (error) {
      answer(grpcErrorOf(error));
    }
  }

  /** Whether the wait ran its course; a shutdown answers `UNAVAILABLE`, a client that left gets nothing. */
  private async waited(
    client: GrpcCall,
    ms: number | undefined,
    answer: (error: ServerErrorResponse) => void,
  ): Promise<boolean> {
    const outcome = await this.waits.wait(client, ms);
    if (outcome === 'shutdown') answer(grpcError(GrpcStatus.UNAVAILABLE, 'The service is shutting down.'));
    return outcome === 'elapsed';
  }
}

const PASS_PLAN = { latencyMs: 0, action: { kind: 'pass' } } as const;

/** The status an action ends the call with at once, if it does. */
function failureOf(action: FaultAction<'grpc'>): ServerErrorResponse | undefined {
  switch (action.kind) {
    case 'status':
      return grpcError(grpcStatusForHttp(action.status), INJECTED);
    case 'grpc-status':
      return grpcError(action.code, INJECTED);
    case 'reset':
      // A handler cannot reset the HTTP/2 stream; this is the status a client sees when one is.
      return grpcError(GrpcStatus.UNAVAILABLE, 'connection reset');
    default:
      return undefined;
  }
}

/**
 * One call as a {@link FaultClient}. grpc-js emits `cancelled` when a call ends for
 * any reason, its own answer included, so an abort is a `cancelled` before we answered.
 */
class GrpcCall implements FaultClient {
  answered = false;

  constructor(
    private readonly call: ServerUnaryCall<unknown, unknown>,
    onAbort: () => void,
  ) {
    call.once('cancelled', () => {
      if (!this.answered) onAbort();
    });
  }

  get gone(): boolean {
    return this.call.cancelled;
  }

  onGone(listener: () => void): () => void {
    this.call.once('cancelled', listener);
    return () => this.call.off('cancelled', listener);
  }
}
