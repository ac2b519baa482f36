import autocannon from 'autocannon';
import { request } from 'node:http';

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
 * Keeps `connections` connections busy with GETs to `url` for `duration` seconds after
 * an optional warm-up (JIT, connection pools and caches settle there, not in the
 * measurement).
 *
 * @example
 * const { rps, p50, p99 } = await load('http://127.0.0.1:4004/users/1', { connections: 50, duration: 10, warmup: 2 });
 */
export async function load(url, { connections, duration, warmup, headers = {} }) {
  const result = await autocannon({
    url,
    headers,
    connections,
    duration,
    ...(warmup > 0 ? { warmup: { connections, duration: warmup } } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    statusCounts: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count]),
    ),
    errors: result.errors,
  };
}
