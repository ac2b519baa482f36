import { type RedisCommandConnection, withDeadline } from '@bff/platform';
import type { RedisScriptClient } from './redis-script.client';

/** A decision that Redis cannot give within this is taken locally instead. */
const COMMAND_TIMEOUT_MS = 500;
/** How long `connect()` waits for a connection that is not up yet. */
const CONNECT_WAIT_MS = 1_000;

/**
 * The rate limiter's view of the process's shared Redis command connection (owned by
 * `RedisConnections` in `@bff/platform`), and the only file that knows which client
 * library holds it.
 *
 * The connection fails fast rather than being patient (no offline queue, reconnection
 * in the background), and each script call carries the limiter's own deadline, so a
 * request never waits for Redis: `FallbackRateLimitStore` decides locally meanwhile.
 * The platform opens and closes the connection; `close()` here lets go of nothing.
 * Commands go through `sendCommand`, which never touches the connection's near cache.
 *
 * @example
 * const store = new RedisRateLimitStore(redisScriptClientOn(connections.commands(url)), 'web-bff:rl:');
 */
export function redisScriptClientOn(connection: RedisCommandConnection): RedisScriptClient {
  const run = (command: string, script: string, key: string, args: readonly (string | number)[]) =>
    withDeadline(connection.sendCommand([command, script, '1', key, ...args.map(String)]), COMMAND_TIMEOUT_MS);
  return {
    get ready() {
      return connection.isReady;
    },
    evalSha: (sha1, key, args) => run('EVALSHA', sha1, key, args),
    eval: (script, key, args) => run('EVAL', script, key, args),
    connect: () => untilReady(connection),
    close: () => undefined,
  };
}

/** Resolves once the connection is ready, or after {@link CONNECT_WAIT_MS} whatever its state. */
function untilReady(connection: RedisCommandConnection): Promise<void> {
  if (connection.isReady) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      connection.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, CONNECT_WAIT_MS);
    connection.once('ready', done);
  });
}
