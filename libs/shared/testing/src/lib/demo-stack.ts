import { AppName, AppProcess } from './app-process';

export type ServiceName = 'product' | 'review' | 'inventory' | 'user';

const SERVICE_APPS: Record<ServiceName, AppName> = {
  product: 'product-service',
  review: 'review-service',
  inventory: 'inventory-service',
  user: 'user-service',
};

/**
 * The four demo downstream services, each its own process, plus the env a BFF needs
 * to reach them.
 *
 * @example
 * const stack = await DemoStack.start();
 * const bff = await AppProcess.start('web-bff', stack.bffEnv());
 * await stack.stop();
 */
export class DemoStack {
  private constructor(readonly services: Record<ServiceName, AppProcess>) {}

  static async start(): Promise<DemoStack> {
    const names = Object.keys(SERVICE_APPS) as ServiceName[];
    const started = await Promise.allSettled(names.map((name) => AppProcess.start(SERVICE_APPS[name])));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
      throw (failed as PromiseRejectedResult).reason;
    }
    const apps = started.map((result) => (result as PromiseFulfilledResult<AppProcess>).value);
    return new DemoStack(Object.fromEntries(names.map((name, i) => [name, apps[i]])) as Record<ServiceName, AppProcess>);
  }

  /** `PRODUCT_SERVICE_URL` and friends, pointing at this stack. */
  bffEnv(): Record<string, string> {
    return {
      PRODUCT_SERVICE_URL: this.services.product.url,
      REVIEW_SERVICE_URL: this.services.review.url,
      INVENTORY_SERVICE_URL: this.services.inventory.url,
      USER_SERVICE_URL: this.services.user.url,
    };
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.services).map((app) => app.stop()));
  }
}
