import { deleteAmqpTopology, uniqueAmqpPrefix, workspaceRoot } from '@bff/testing';
import Redis from 'ioredis';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Gateway = 'web-bff' | 'mobile-bff';

export interface Replica {
  /** `web-bff-1`, `web-bff-2`, ... */
  name: string;
  url: string;
  metricsUrl: string;
}

/** What the suite uses of `Cluster` in tools/scripts/lib/cluster.mjs. */
interface ClusterHandle {
  urls: Record<Gateway, string>;
  serviceUrls: Record<string, string>;
  replicas: Record<Gateway, Replica[]>;
  start(): Promise<void>;
  stopReplica(name: string): Promise<void>;
  stop(): Promise<void>;
}

interface ClusterModule {
  Cluster: new (options: Record<string, unknown>) => ClusterHandle;
}

/**
 * The machine's Redis, in a database of its own, emptied before and after: the gateways
 * have fixed key prefixes, so a database is what keeps this cluster's sessions, limits
 * and cache apart from a developer's cluster (database 0) and from other suites (11, 12).
 */
const REDIS_URL = 'redis://127.0.0.1:6379/13';

/**
 * A cluster as `npm run start:cluster` runs it (the same `Cluster`: replicas, nginx
 * configuration and stop order), but with the balancer on free ports, nginx's files in a
 * temporary directory, a RabbitMQ queue prefix and a Redis database of its own, and the
 * output of every process kept for assertions instead of printed.
 *
 * @example
 * const cluster = await TestCluster.start({ 'mobile-bff': { RATE_LIMIT_DEFAULT: 'minute=20/1m' } });
 * await fetch(`${cluster.urls['mobile-bff']}/product-details/1`);
 * await cluster.stop();
 */
export class TestCluster {
  private constructor(
    private readonly cluster: ClusterHandle,
    private readonly dir: string,
    private readonly amqpQueuePrefix: string,
    private readonly lines: Map<string, string[]>,
  ) {}

  /** Two replicas of each gateway behind nginx, each gateway's replicas given `gatewayEnv[gateway]`. */
  static async start(gatewayEnv: Partial<Record<Gateway, Record<string, string>>>): Promise<TestCluster> {
    await flushRedis();
    // Jest compiles the .mjs to CommonJS (see jest.config.js).
    const { Cluster } = require(join(workspaceRoot(), 'tools/scripts/lib/cluster.mjs')) as ClusterModule;
    const dir = mkdtempSync(join(tmpdir(), 'cluster-e2e-'));
    const amqpQueuePrefix = uniqueAmqpPrefix();
    const lines = new Map<string, string[]>();
    const cluster = new Cluster({
      ports: { 'web-bff': 0, 'mobile-bff': 0 },
      dir,
      redisUrl: REDIS_URL,
      env: { AMQP_QUEUE_PREFIX: amqpQueuePrefix, NODE_ENV: 'test' },
      gatewayEnv,
      onLine: (name: string, line: string) => {
        const kept = lines.get(name);
        if (kept) kept.push(line);
        else lines.set(name, [line]);
      },
      // Past the gateways' 10 s drain window, so no SIGKILL cuts a drain short.
      stopGraceMs: 12_000,
    });
    const harness = new TestCluster(cluster, dir, amqpQueuePrefix, lines);
    try {
      await cluster.start();
    } catch (error) {
      await harness.cleanUp();
      throw error;
    }
    return harness;
  }

  /** The balancer's URL per gateway. */
  get urls(): Record<Gateway, string> {
    return this.cluster.urls;
  }

  /** A demo service's own URL, e.g. `serviceUrl('user-service')`. */
  serviceUrl(app: string): string {
    const url = this.cluster.serviceUrls[app];
    if (!url) throw new Error(`no service ${app} in the cluster`);
    return url;
  }

  replicas(gateway: Gateway): Replica[] {
    return this.cluster.replicas[gateway];
  }

  /** Everything a process (`web-bff-2`, `nginx`, ...) printed so far. */
  output(name: string): string[] {
    return this.lines.get(name) ?? [];
  }

  /** nginx's access log: one line per request, naming the replica(s) it went to. */
  accessLog(): string[] {
    return readFileSync(join(this.dir, 'logs', 'access.log'), 'utf8')
      .split('\n')
      .filter(Boolean);
  }

  /** SIGTERM to one replica; resolves once it has exited. */
  stopReplica(name: string): Promise<void> {
    return this.cluster.stopReplica(name);
  }

  /** Stops nginx and every process, then removes what the cluster left in RabbitMQ, Redis and on disk. */
  async stop(): Promise<void> {
    await this.cluster.stop();
    await this.cleanUp();
  }

  private async cleanUp(): Promise<void> {
    await deleteAmqpTopology(this.amqpQueuePrefix);
    await flushRedis();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function flushRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
