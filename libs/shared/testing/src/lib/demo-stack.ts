import {
  DOWNSTREAM_SERVICES,
  DOWNSTREAM_SERVICE_NAMES,
  downstreamGrpcVariable,
  downstreamUrlVariable,
  type DownstreamService,
} from '@bff/downstream-contracts';
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
 * @example
 * const stack = await DemoStack.start();
 * const bff = await AppProcess.start('web-bff', stack.bffEnv());
 * await stack.stop();
 */
export class DemoStack {
  private constructor(readonly services: Record<ServiceName, AppProcess>) {}

  static async start(): Promise<DemoStack> {
    const names = DOWNSTREAM_SERVICE_NAMES;
    const started = await Promise.allSettled(names.map((name) => AppProcess.start(DOWNSTREAM_SERVICES[name].app)));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
      throw (failed as PromiseRejectedResult).reason;
    }
    const apps = started.map((result) => (result as PromiseFulfilledResult<AppProcess>).value);
    return new DemoStack(Object.fromEntries(names.map((name, i) => [name, apps[i]])) as Record<ServiceName, AppProcess>);
  }

  /**
   * `PRODUCT_SERVICE_URL` and friends, pointing at this stack, and the gRPC target of
   * each service that serves gRPC (`INVENTORY_GRPC_URL`, as `host:port`).
   */
  bffEnv(): Record<string, string> {
    return Object.fromEntries(
      DOWNSTREAM_SERVICE_NAMES.flatMap((name) => {
        const grpcVariable: string | undefined = downstreamGrpcVariable(name);
        const { url, grpcTarget } = this.services[name];
        return [[downstreamUrlVariable(name), url], ...(grpcVariable && grpcTarget ? [[grpcVariable, grpcTarget]] : [])];
      }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.services).map((app) => app.stop()));
  }
}
