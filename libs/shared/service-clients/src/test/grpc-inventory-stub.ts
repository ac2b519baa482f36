import {
  healthV1,
  inventoryV1,
  type GetStockRequest,
  type HealthHandlers,
  type InventoryServiceHandlers,
  type Stock,
} from '@bff/downstream-contracts';
import {
  Server,
  ServerCredentials,
  status as GrpcStatus,
  type sendUnaryData,
  type ServerUnaryCall,
} from '@grpc/grpc-js';

/** One call the stub received: its message, its metadata as headers, and whether the caller cancelled it. */
export interface StubCall {
  request: GetStockRequest;
  metadata: Record<string, string>;
  /** Settles when the caller cancels the call (or its deadline passes). */
  cancelled: Promise<void>;
  /** The call's deadline as the service received it, in ms from when it arrived (Infinity: none). */
  deadlineInMs: number;
}

/** What the stub does with a call: answer, fail with a status, or never answer (`'hang'`). */
export type StubAnswer = { stock: Stock } | { status: GrpcStatus; details?: string } | 'hang';

export type StubBehaviour = (call: StubCall) => StubAnswer | Promise<StubAnswer>;

/**
 * A real gRPC server on a free loopback port standing in for the inventory service:
 * `inventory.v1.InventoryService/GetStock`, answering as the test scripts it.
 *
 * @example
 * const stub = await GrpcInventoryStub.start(() => ({ status: GrpcStatus.UNAVAILABLE }));
 * env.INVENTORY_GRPC_URL = stub.target;
 */
export class GrpcInventoryStub {
  readonly calls: StubCall[] = [];
  /** What `grpc.health.v1.Health/Check` answers for the inventory service. */
  serving: 'SERVING' | 'NOT_SERVING' = 'SERVING';

  private constructor(
    private readonly server: Server,
    readonly target: string,
    private behaviour: StubBehaviour,
  ) {}

  static async start(behaviour: StubBehaviour = () => ({ status: GrpcStatus.INTERNAL })): Promise<GrpcInventoryStub> {
    const server = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    const stub = new GrpcInventoryStub(server, `127.0.0.1:${port}`, behaviour);
    const handlers: InventoryServiceHandlers = { GetStock: (call, callback) => void stub.answer(call, callback) };
    server.addService(inventoryV1().inventory.v1.InventoryService.service, handlers);
    const health: HealthHandlers = {
      Check: (call, callback) =>
        call.request.service === 'inventory.v1.InventoryService'
          ? callback(null, { status: stub.serving })
          : callback({ code: GrpcStatus.NOT_FOUND }),
      Watch: (call) => call.end(),
    };
    server.addService(healthV1().grpc.health.v1.Health.service, health);
    return stub;
  }

  /** Replaces the behaviour and forgets the calls so far. */
  reset(behaviour: StubBehaviour): void {
    this.behaviour = behaviour;
    this.calls.length = 0;
  }

  stop(): Promise<void> {
    this.server.forceShutdown();
    return Promise.resolve();
  }

  private async answer(call: ServerUnaryCall<GetStockRequest, Stock>, callback: sendUnaryData<Stock>): Promise<void> {
    const received: StubCall = {
      request: call.request,
      metadata: Object.fromEntries(
        Object.entries(call.metadata.getMap()).map(([name, value]) => [name, value.toString()]),
      ),
      cancelled: new Promise((resolve) => call.once('cancelled', () => resolve())),
      deadlineInMs: deadlineIn(call.getDeadline()),
    };
    this.calls.push(received);
    const answer = await this.behaviour(received);
    if (answer === 'hang') return;
    if ('stock' in answer) callback(null, answer.stock);
    else callback({ code: answer.status, details: answer.details ?? 'scripted failure' });
  }
}

function deadlineIn(deadline: Date | number): number {
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(at) ? at - Date.now() : Infinity;
}
