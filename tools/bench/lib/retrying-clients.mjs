import { Client } from 'undici';
import { settleAcceptQueue } from './accept-queue.mjs';
import { LatencySample } from './latency.mjs';

/**
 * `connections` clients that each send one GET at a time over their own keep-alive
 * connection, as a phone app or a browser does: on `503` they wait what `Retry-After`
 * says before asking again, on anything else they ask again at once. autocannon's
 * clients come straight back after a 503, so past capacity they make the shed path the
 * gateway's main work; these show what a client that follows the contract of a 503
 * sees. The clients start spread over the warm-up (real clients do not all connect in the
 * same millisecond, and a busy Node server accepts one connection per event-loop turn),
 * and only what they see after it is measured. Result fields match `load()`'s where
 * they overlap.
 *
 * @example
 * const m = await retryingLoad(url, { connections: 1000, duration: 10 });
 * m.ok.count / m.seconds; // goodput
 * m.shed.p99; // ms
 */
export async function retryingLoad(url, { connections, duration, warmup = 3 }) {
  const { origin, pathname, search } = new URL(url);
  const path = `${pathname}${search}`;
  const latencies = new LatencySample();
  const statusCounts = {};
  let errors = 0;
  let requests = 0;
  const measureFrom = performance.now() + warmup * 1_000;
  const endAt = measureFrom + duration * 1_000;
  const clients = Array.from({ length: connections }, () => new Client(origin, { pipelining: 1, headersTimeout: 10_000, bodyTimeout: 10_000 }));

  async function run(client, index) {
    await pause((index / connections) * warmup * 1_000 * 0.8, measureFrom);
    while (performance.now() < endAt) {
      const started = performance.now();
      const measured = started >= measureFrom;
      try {
        const { statusCode, headers, body } = await client.request({ method: 'GET', path });
        await body.dump();
        if (measured) {
          requests += 1;
          statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
          latencies.record(statusCode, performance.now() - started);
        }
        if (statusCode === 503) await pause(Math.min(Number(headers['retry-after'] ?? 1), 5) * 1_000, endAt);
      } catch {
        if (measured) errors += 1;
        await pause(100, endAt);
      }
    }
  }

  await Promise.all(clients.map(run));
  const seconds = duration;
  await Promise.all(clients.map((client) => client.destroy().catch(() => undefined)));
  await settleAcceptQueue(Number(new URL(url).port));
  const ok = Object.entries(statusCounts)
    .filter(([status]) => status >= 200 && status < 300)
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    seconds,
    requests,
    ok: { count: ok, p50: latencies.ok(50), p99: latencies.ok(99) },
    shed: { count: statusCounts[503] ?? 0, p99: latencies.status(503, 99) },
    non2xx: requests - ok,
    statusCounts,
    errors,
  };
}

/** Waits `ms`, or until `endAt` if that comes first. */
function pause(ms, endAt) {
  const wait = Math.max(0, Math.min(ms, endAt - performance.now()));
  return new Promise((resolve) => setTimeout(resolve, wait));
}
