/**
 * The little of a Redis client the rate limiter uses: run a Lua script on one key
 * (by SHA-1, or by source when the server lost it), and a connection that fails
 * fast. The GCRA storage talks to this alone, so which library holds the
 * connection is the business of one file, `redis-rate-limit.connection.ts`.
 *
 * @example
 * const reply = await client.evalSha(GCRA_SCRIPT_SHA1, 'web-bff:rl:default:ip:10.0.0.1', ['burst', 20, 1000]);
 */
export interface RedisScriptClient {
  /** True while commands can be sent; otherwise callers should not even try. */
  readonly ready: boolean;
  /** `EVALSHA sha1 1 key ...args`; rejects with a `NOSCRIPT` error when the server does not hold the script. */
  evalSha(sha1: string, key: string, args: readonly (string | number)[]): Promise<unknown>;
  /** `EVAL script 1 key ...args`; the server caches the script under its SHA-1 on the way. */
  eval(script: string, key: string, args: readonly (string | number)[]): Promise<unknown>;
  /** Makes the first connection attempt and resolves whatever its outcome. */
  connect(): Promise<void>;
  /** Drops the connection at once; commands in flight fail. */
  close(): void;
}

/**
 * True for Redis's reply to EVALSHA of a script it does not hold (after a restart
 * or `SCRIPT FLUSH`). Both ioredis and node-redis keep the server's message.
 */
export function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}
