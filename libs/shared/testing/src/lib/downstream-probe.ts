import { join } from 'node:path';

/** One downstream try a probed app started, and how it failed if it did. */
export interface ProbedTry {
  method: string;
  origin: string;
  path: string;
  /** The error code of a failed try (`ECONNREFUSED`, `UND_ERR_SOCKET`, …), else undefined. */
  error?: string;
}

const PRELOAD = join(__dirname, 'downstream-probe.preload.cjs');
const LINE = /^downstream-probe (\{.*\})$/gm;

/**
 * Counts the downstream tries of an app started with {@link DownstreamProbe.env}, from
 * its own output: the way to see the retries of a call to a stopped service, which no
 * request log can record.
 *
 * @example
 * const bff = await AppProcess.start('web-bff', { ...stack.bffEnv(), ...DownstreamProbe.env() });
 * await stack.services.inventory.stop();
 * await request(`${bff.url}/product-details/7`);
 * DownstreamProbe.tries(bff.logs, { path: '/products/7' }); // three tries, each ECONNREFUSED
 */
export const DownstreamProbe = {
  /** Environment that preloads the probe into a started app. */
  env(): Record<string, string> {
    return { NODE_OPTIONS: `--require ${PRELOAD}` };
  },

  /** The tries in `logs`, oldest first, optionally only those to one path. */
  tries(logs: string, filter: { path?: string } = {}): ProbedTry[] {
    const byId = new Map<number, ProbedTry>();
    for (const [, json] of logs.matchAll(LINE)) {
      const event = JSON.parse(json ?? '{}') as { event: string; id: number; code?: string } & ProbedTry;
      if (event.event === 'try') {
        byId.set(event.id, { method: event.method, origin: event.origin, path: event.path });
      } else if (event.event === 'error') {
        const failed = byId.get(event.id);
        if (failed) failed.error = event.code ?? 'unknown';
      }
    }
    return [...byId.values()].filter((probed) => filter.path === undefined || probed.path === filter.path);
  },
};
