import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * nginx as the proxy peer: the machine's `nginx` binary with a throw-away config in a
 * temp dir (pid, logs and temp files there too), so it needs no root, no system config
 * and leaves nothing behind but that dir.
 */

/**
 * Writes a config proxying `/users/` to `upstreamUrl` over a keep-alive pool and returns
 * the arguments to start nginx with it in the foreground, and the dir to remove after.
 *
 * @example
 * const { args, dir } = nginxArgs({ port: 8080, upstreamUrl: 'http://127.0.0.1:4004' });
 * spawn(nginxBinary, args);
 */
export function nginxArgs({ port, upstreamUrl }) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-nginx-'));
  const upstream = new URL(upstreamUrl);
  const config = `
# Written by tools/bench for one run.
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream downstream {
    server ${upstream.host};
    keepalive 128;
  }
  server {
    listen 127.0.0.1:${port};
    location /users/ {
      proxy_pass http://downstream;
      # HTTP/1.1 without "Connection: close" is what lets the upstream pool keep connections.
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`;
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, config);
  // -p and -e keep nginx away from the system prefix and log before the config is read.
  return { args: ['-p', dir, '-e', join(dir, 'error.log'), '-c', file], dir };
}
