import autocannon from 'autocannon';
import { request } from 'node:http';
import { settleAcceptQueue } from './accept-queue.mjs';
import { cpuSeconds, machineCpuSeconds, rssBytes, totalCpuSeconds } from './cpu.mjs';
import { LatencySample } from './latency.mjs';

/**
 * One unloaded GET, counting the body bytes as they cross the wire (no decoding), so a
 * gzip request shows what compression saves. Never rejects: a failure is part of the
 * report.
 *
 * @example
 * await probe('http://127.0.0.1:3000/product-details/1'); // { status: 200, bytes: 1834, encoding: 'identity', ... }
 */
export function probe(url, { acceptEncoding = 'identity', timeoutMs = 10_000, headers = {} } = {}) {
  return new Promise((resolve) => {
    const req = request(url, { headers: { ...headers, 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => (bytes += chunk.length));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          bytes,
          encoding: res.headers['content-encoding'] ?? 'identity',
          contentType: res.headers['content-type'] ?? '',
        }),
      );
      res.on('error', (error) => resolve({ error: error.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no response within ${timeoutMs / 1000} s`)));
    req.on('error', (error) => resolve({ error: error.message }));
    req.end();
  });
}

/**
 * Keeps `connections` connections busy with GETs to `url`: an unmeasured warm-up (JIT,
 * connection pools and caches settle there), then `duration` measured seconds. With a
 * `server` (a `ServerProcess`), its CPU time over the measured window is sampled from
 * /proc and divided by the requests completed, its resident memory read at the end
 * (also kept as `lastRss`), and its `loadSeconds` grow by the whole run. Latencies are
 * kept per response, so successes and 503s get percentiles of their own (autocannon's
 * histogram mixes them and rounds to whole ms). `foreignCpus` is how many CPUs something
 * other than this process and `ownPids` (the bench's servers) kept busy meanwhile: well
 * above zero, the machine was shared and the row's numbers are suspect.
 *
 * @example
 * const { rps, p50, p99, cpuMicrosPerRequest } = await load(url, { connections: 50, duration: 10, warmup: 3, server });
 */
export async function load(url, { connections, duration, warmup, headers = {}, server, ownPids = [] }) {
  if (warmup > 0) {
    await autocannon({ url, headers, connections, duration: warmup });
    if (server) server.loadSeconds += warmup;
  }
  // The warm-up's connections, closed by now, must not stand in the kernel's queue ahead of the run's own.
  await settleAcceptQueue(Number(new URL(url).port));
  const latencies = new LatencySample();
  /** @type {Record<string, number>} */
  const errorKinds = {};
  const cpuBefore = server && cpuSeconds(server.pid);
  const machineBefore = machineCpuSeconds();
  const benchBefore = process.cpuUsage();
  const ownBefore = totalCpuSeconds(ownPids);
  const result = await autocannon({
    url,
    headers,
    connections,
    duration,
    setupClient: (client) => {
      client.on('response', (status, _bytes, ms) => latencies.record(status, ms));
      // Which socket errors, so an error count can be told apart: refused, reset, timed out.
      client.on('connError', (error) => (errorKinds[error.code ?? 'other'] = (errorKinds[error.code ?? 'other'] ?? 0) + 1));
    },
  });
  const cpuAfter = server && cpuSeconds(server.pid);
  const foreignCpus = foreignShare({
    machineBefore,
    benchBefore,
    ownBefore,
    ownPids,
    seconds: result.duration,
  });
  if (server) {
    server.loadSeconds += result.duration;
    server.lastRss = rssBytes(server.pid);
  }

  const requests = result.requests.total;
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count]),
  );
  return {
    rps: result.requests.average,
    seconds: result.duration,
    requests,
    p50: latencies.all(50),
    p99: latencies.all(99),
    ok: { count: result['2xx'], p50: latencies.ok(50), p99: latencies.ok(99) },
    shed: { count: statusCounts['503'] ?? 0, p99: latencies.status(503, 99) },
    cpuMicrosPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined && requests > 0
        ? ((cpuAfter - cpuBefore) * 1e6) / requests
        : undefined,
    rss: server?.lastRss,
    foreignCpus,
    non2xx: result.non2xx,
    statusCounts,
    errors: result.errors,
    errorKinds: result.timeouts > 0 ? { ...errorKinds, timeout: result.timeouts } : errorKinds,
  };
}

/** CPUs kept busy by processes outside the bench over the last `seconds`, or undefined off Linux. */
function foreignShare({ machineBefore, benchBefore, ownBefore, ownPids, seconds }) {
  const machine = machineCpuSeconds();
  if (machine === undefined || machineBefore === undefined) return undefined;
  const bench = process.cpuUsage(benchBefore);
  const own = totalCpuSeconds(ownPids) - ownBefore + (bench.user + bench.system) / 1e6;
  return Math.max(0, (machine - machineBefore - own) / seconds);
}
