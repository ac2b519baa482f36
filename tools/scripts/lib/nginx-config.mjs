import { join } from 'node:path';

/**
 * How long nginx keeps an idle connection to a replica open. Below the gateways'
 * `HTTP_KEEP_ALIVE_TIMEOUT_MS` (72 s), so it is nginx that closes an idle connection,
 * never a replica under a request nginx is just sending on it.
 */
const UPSTREAM_KEEPALIVE_TIMEOUT = '60s';

/**
 * The problems nginx answers itself, as the gateways would: `application/problem+json`
 * in the gateways' catalogue (`urn:bff:problem:*`), never nginx's HTML pages.
 */
const BALANCER_PROBLEMS = {
  overloaded: {
    type: 'urn:bff:problem:overloaded',
    title: 'Overloaded',
    status: 503,
    detail: 'The gateway is at capacity; retry after the time given in Retry-After.',
    code: 'OVERLOADED',
    reason: 'balancer-limit',
  },
  unavailable: {
    type: 'urn:bff:problem:upstream-unavailable',
    title: 'Upstream unavailable',
    status: 503,
    detail: 'No gateway replica could take the request; retry after the time given in Retry-After.',
    code: 'UPSTREAM_UNAVAILABLE',
  },
  timeout: {
    type: 'urn:bff:problem:upstream-timeout',
    title: 'Upstream timed out',
    status: 504,
    detail: 'The gateway replica did not answer in time.',
    code: 'UPSTREAM_TIMEOUT',
  },
};

/**
 * Renders a self-contained nginx configuration that balances each entry over its
 * replicas. Every path nginx writes (pid, logs, temp files) lies under `dir`, and
 * nothing of `/etc/nginx` is included, so it runs beside a system nginx and as any user.
 * `daemon off;` is not in the file but on the command line (`-g`), so `nginx -t` can
 * check the same file.
 *
 * Retries: `proxy_next_upstream error timeout http_502` without `non_idempotent`.
 * nginx then passes a request to the other replica when the first refused the
 * connection, failed or timed out, or answered 502, but never a POST, PATCH or LOCK
 * once any of it has been sent: a review command that may have reached a replica
 * is not replayed (the client may retry it under its `Idempotency-Key`). One retry
 * at most (`proxy_next_upstream_tries 2`).
 *
 * Failures are not counted against a replica (`max_fails=0`). With `http_502` a retry
 * condition, nginx would count a gateway's 502, which is a downstream's fault that every
 * replica shares, as the replica's own: a few of them would put every replica out of
 * rotation for `fail_timeout`, and every route, `/health` included, would get nginx's own
 * "no live upstreams" 502. A replica that is gone costs a refused loopback connection,
 * passed on to the other at once.
 *
 * Admission: nginx holds each entry's `maxInFlight`, the requests it passes to the
 * replicas at once (`limit_conn` counts only connections with a request in progress, so
 * idle keep-alive connections cost nothing). Past it, nginx answers `503 OVERLOADED`
 * (`reason: balancer-limit`, `Retry-After: 1`) itself, in microseconds and without a
 * log line: a gateway process can only turn a request away once its event loop reaches
 * the socket, after the admitted work of that turn and after garbage collection, so the
 * fast refusals of an overload are the balancer's to give. Set above what the replicas
 * admit and queue within their budgets, it leaves the finer, latency-driven admission
 * to each gateway and only caps what reaches them.
 *
 * @param {object} options
 * @param {string} options.dir directory of the pid file, `logs/` and `temp/`
 * @param {Array<{ name: string, listen: { host: string, port: number }, servers: string[], maxInFlight: number }>} options.entries
 *   one entry per public port: the upstream's name, the `host:port` of each replica and the
 *   requests nginx passes to them at once
 * @returns {string}
 *
 * @example
 * nginxConfig({
 *   dir: '/repo/tmp/cluster',
 *   entries: [{ name: 'web_bff', listen: { host: '127.0.0.1', port: 8080 }, servers: ['127.0.0.1:41001', '127.0.0.1:41002'], maxInFlight: 512 }],
 * });
 */
export function nginxConfig({ dir, entries }) {
  const path = (...parts) => quote(join(dir, ...parts));
  return `# Written by tools/scripts/lib/nginx-config.mjs on every start; edits are lost.
worker_processes 1;
pid ${path('nginx.pid')};
error_log ${path('logs', 'error.log')} warn;

events {
  # Client connections and upstream ones together: an overload's thousands of clients
  # must reach limit_conn's fast 503, not find the worker out of connections (a reset).
  worker_connections 16384;
}

http {
  # Which replica served what: upstream_addr lists each replica tried, in order.
  log_format cluster '$remote_addr [$time_iso8601] "$request" $status $body_bytes_sent '
                     'upstream=$upstream_addr upstream_status=$upstream_status time=$request_time';
  access_log ${path('logs', 'access.log')} cluster;

  client_body_temp_path ${path('temp', 'client_body')};
  proxy_temp_path ${path('temp', 'proxy')};
  fastcgi_temp_path ${path('temp', 'fastcgi')};
  uwsgi_temp_path ${path('temp', 'uwsgi')};
  scgi_temp_path ${path('temp', 'scgi')};

  server_tokens off;
  # Looser than the gateways' own limits (1 MiB, less per route), so an oversized body
  # is refused by the gateway, as problem+json, not by nginx's HTML page.
  client_max_body_size 2m;
  keepalive_timeout 65s;

  # HTTP/1.1 with an empty Connection header keeps upstream connections open for reuse.
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host $http_host;
  # nginx is the edge: the client's own X-Forwarded-For is dropped, not extended, and the
  # gateways (TRUSTED_PROXIES=127.0.0.1/32) read the real peer address from this one.
  proxy_set_header X-Forwarded-For $remote_addr;
  proxy_set_header X-Forwarded-Proto $scheme;

  proxy_connect_timeout 2s;
  proxy_send_timeout 35s;
  # Far above the gateways' own time budgets (product pages 1.2-1.5 s, downstream calls
  # less), so a slow answer is the gateway's to give, as a problem, not nginx's 504.
  proxy_read_timeout 35s;
  # Not non_idempotent: a POST that may have reached a replica is never sent again. The
  # 10 s window closes long before a 35 s read timeout: only a connect timeout is retried.
  proxy_next_upstream error timeout http_502;
  proxy_next_upstream_tries 2;
  proxy_next_upstream_timeout 10s;

  # One bucket per public port: the requests in progress on that entry, all clients together.
  limit_conn_zone $server_port zone=in_flight:1m;
  limit_conn_status 503;
  # A refusal is logged at info, below error_log's level: an overload writes no log lines.
  limit_conn_log_level info;

${entries.map((entry) => upstreamBlock(entry)).join('\n')}
}
`;
}

function upstreamBlock({ name, listen, servers, maxInFlight }) {
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
    throw new Error(`maxInFlight of ${name} must be a positive integer, not ${maxInFlight}`);
  }
  return `  upstream ${name} {
${servers.map((server) => `    server ${server} max_fails=0;`).join('\n')}
    # As many idle connections as may be in flight: past an overload nginx reuses them
    # instead of opening a burst of new ones, which a busy replica accepts one per turn
    # of its event loop.
    keepalive ${maxInFlight};
    keepalive_timeout ${UPSTREAM_KEEPALIVE_TIMEOUT};
  }

  server {
    listen ${listen.host}:${listen.port};
    limit_conn in_flight ${maxInFlight};
    # Only nginx's own errors: a gateway's 502/503/504 passes through untouched
    # (proxy_intercept_errors is off). nginx's 502 means no replica could be reached,
    # which the gateways' catalogue calls 503 UPSTREAM_UNAVAILABLE.
    error_page 503 @overloaded;
    error_page 502 =503 @unavailable;
    error_page 504 @timeout;
    location / {
      proxy_pass http://${name};
    }
${problemLocation('overloaded', BALANCER_PROBLEMS.overloaded, { 'Retry-After': '1' })}
${problemLocation('unavailable', BALANCER_PROBLEMS.unavailable, { 'Retry-After': '1' })}
${problemLocation('timeout', BALANCER_PROBLEMS.timeout, {})}
  }
`;
}

/** A named location answering one problem, with the status the problem names. */
function problemLocation(name, problem, headers) {
  const extraHeaders = Object.entries({ 'Cache-Control': 'no-store', ...headers })
    .map(([header, value]) => `      add_header ${header} ${quote(value)} always;`)
    .join('\n');
  return `    location @${name} {
      default_type application/problem+json;
${extraHeaders}
      return ${problem.status} ${quote(JSON.stringify(problem))};
    }`;
}

/** A path as one nginx token, whatever it holds. */
function quote(value) {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}
