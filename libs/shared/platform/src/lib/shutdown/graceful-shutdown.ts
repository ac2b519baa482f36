import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import { HttpServerDrain } from './http-server-drain';

export interface GracefulShutdownOptions {
  /** How long requests already taken on may take to finish (`SHUTDOWN_DRAIN_MS`). */
  drainMs: number;
  logger: LoggerService;
  /** Ends the process; a test passes its own. */
  exit?: (code: number) => void;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * The one owner of SIGTERM and SIGINT, and the order in which an app stops:
 *
 * 1. readiness (`GET /ready`) answers 503, so a balancer stops sending traffic;
 * 2. the listener stops accepting: new connections are refused;
 * 3. idle keep-alive connections are closed; a busy one gets `Connection: close` on
 *    the response it is working on, and closes after it;
 * 4. requests in flight finish, for up to `drainMs`; what is still running then is cut;
 * 5. only then Nest closes the app: `onModuleDestroy`, `beforeApplicationShutdown`,
 *    `onApplicationShutdown`. Whatever serves requests (downstream connection pools,
 *    Redis, a message broker) closes in `onApplicationShutdown`, after the HTTP server;
 * 6. the process exits 0 (1 if closing failed).
 *
 * Steps 1–4 are {@link HttpServerDrain}. Nest's own `enableShutdownHooks()` is not
 * used: it runs the close hooks while requests are still in flight, so pools closed
 * under them and the calls failed as 503s (tripping the breakers), and it ends the
 * process by re-raising the signal instead of exiting 0.
 *
 * A second signal during the drain cuts what is still running and goes on to step 5.
 *
 * @example
 * new GracefulShutdown(app, { drainMs: config.get('SHUTDOWN_DRAIN_MS'), logger }).listen();
 */
export class GracefulShutdown {
  private readonly drain: HttpServerDrain;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly app: INestApplication,
    private readonly options: GracefulShutdownOptions,
  ) {
    this.drain = HttpServerDrain.for(app.getHttpServer() as Server);
  }

  /** Handles SIGTERM and SIGINT from now on. */
  listen(): void {
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
  }

  /** Runs steps 1–6; a repeated call while stopping cuts the drain short. */
  stop(signal: string): Promise<void> {
    if (this.stopping) {
      this.options.logger.warn?.(`${signal} again: cutting the requests still running`);
      this.drain.cutNow();
      return this.stopping;
    }
    this.stopping = this.run(signal);
    return this.stopping;
  }

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    void this.stop(signal);
  };

  private async run(signal: string): Promise<void> {
    const { logger, drainMs } = this.options;
    const exit = this.options.exit ?? ((code: number) => process.exit(code));
    logger.log(`${signal}: not ready and not accepting connections; draining requests in flight (up to ${drainMs} ms)`);
    try {
      const { cut } = await this.drain.drain(drainMs);
      if (cut > 0) logger.warn?.(`Drain window of ${drainMs} ms over: cut ${cut} connection(s) still busy`);
      await this.app.close();
      logger.log('Stopped');
      exit(0);
    } catch (error) {
      logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : undefined);
      exit(1);
    } finally {
      for (const each of SIGNALS) process.off(each, this.onSignal);
    }
  }
}
