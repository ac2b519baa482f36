import {
  DOWNSTREAM_SERVICES,
  DOWNSTREAM_SERVICE_NAMES,
  downstreamGrpcVariable,
  downstreamUrlVariable,
  type DownstreamService,
} from '@bff/downstream-contracts';
import { deleteAmqpTopology, uniqueAmqpPrefix } from './amqp-topology-cleanup';
import { AppProcess } from './app-process';

/**
 * A downstream service's name, as `DOWNSTREAM_SERVICES` lists it.
 *
 * @example
 * const name: ServiceName = 'review';
 */
export type ServiceName = DownstreamService;

/**
 * The demo downstream services of `DOWNSTREAM_SERVICES`, each its own process,
 * plus the env a BFF needs to reach them.
 *
 * Each stack has a RabbitMQ queue prefix of its own (`test.<random>.`), so stacks
 * sharing the broker, in one run or in parallel runs, never take each other's
 * messages; `AMQP_URL` is the test's own, when it sets one, else the local broker.
 * `stop()` deletes every queue and exchange of the stack's topology once its
 * processes are gone, durable ones included.
 *
 * @example
 * const stack = await DemoStack.start();
 * const bff = await AppProcess.start('web-bff', stack.bffEnv());
 * await stack.stop();
 */
export class DemoStack {
  private constructor(
    readonly services: Record<ServiceName, AppProcess>,
    /** The `AMQP_QUEUE_PREFIX` the stack's services run under, and its gateways must. */
    readonly amqpQueuePrefix: string,
  ) {}

  static async start(): Promise<DemoStack> {
    const names = DOWNSTREAM_SERVICE_NAMES;
    const amqpQueuePrefix = uniqueAmqpPrefix();
    const env = amqpEnv(amqpQueuePrefix);
    const started = await Promise.allSettled(names.map((name) => AppProcess.start(DOWNSTREAM_SERVICES[name].app, env)));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
      await deleteAmqpTopology(amqpQueuePrefix);
      throw (failed as PromiseRejectedResult).reason;
    }
    const apps = started.map((result) => (result as PromiseFulfilledResult<AppProcess>).value);
    const services = Object.fromEntries(names.map((name, i) => [name, apps[i]])) as Record<ServiceName, AppProcess>;
    return new DemoStack(services, amqpQueuePrefix);
  }

  /**
   * `PRODUCT_SERVICE_URL` and friends, pointing at this stack, the gRPC target of
   * each service that serves gRPC (`INVENTORY_GRPC_URL`, as `host:port`), and the
   * stack's `AMQP_QUEUE_PREFIX` (with the test's `AMQP_URL`, when it sets one).
   */
  bffEnv(): Record<string, string> {
    return {
      ...Object.fromEntries(
        DOWNSTREAM_SERVICE_NAMES.flatMap((name) => {
          const grpcVariable: string | undefined = downstreamGrpcVariable(name);
          const { url, grpcTarget } = this.services[name];
          return [[downstreamUrlVariable(name), url], ...(grpcVariable && grpcTarget ? [[grpcVariable, grpcTarget]] : [])];
        }),
      ),
      ...amqpEnv(this.amqpQueuePrefix),
    };
  }

  /** Stops every service, then deletes the stack's queues and exchanges. */
  async stop(): Promise<void> {
    await Promise.all(Object.values(this.services).map((app) => app.stop()));
    await deleteAmqpTopology(this.amqpQueuePrefix);
  }
}

/** The RabbitMQ variables of a stack: its prefix, and the broker when the test names one. */
function amqpEnv(prefix: string): Record<string, string> {
  const url = process.env['AMQP_URL'];
  return { AMQP_QUEUE_PREFIX: prefix, ...(url ? { AMQP_URL: url } : {}) };
}
