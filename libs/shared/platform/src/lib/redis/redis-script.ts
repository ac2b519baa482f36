import { createHash } from 'node:crypto';
import { withDeadline } from './redis-deadline';

/** What a script needs of a connection: `RedisCommandConnection` has it. */
export interface RedisScriptRunner {
  sendCommand(args: string[], options?: { timeout?: number }): Promise<unknown>;
}

/**
 * A Lua script sent by its SHA1 (`EVALSHA`), and in full (`EVAL`) only when Redis
 * does not know it yet: after a restart, a failover or `SCRIPT FLUSH`. `EVAL` also
 * loads it, so the next call goes by SHA again.
 *
 * @example
 * const GCRA = new RedisScript(GCRA_SCRIPT);
 * const reply = await GCRA.run(connections.commands(url), [key], [limit, windowMs], { timeout: 500 });
 */
export class RedisScript {
  readonly sha1: string;
  private readonly evalArgs: readonly string[];
  private readonly evalShaArgs: readonly string[];

  constructor(readonly source: string) {
    this.sha1 = createHash('sha1').update(source).digest('hex');
    this.evalArgs = ['EVAL', source];
    this.evalShaArgs = ['EVALSHA', this.sha1];
  }

  /**
   * Runs the script with `keys` (`KEYS`) and `args` (`ARGV`). `options.timeout` is
   * the caller's deadline for each attempt, in milliseconds, reply included.
   */
  async run(
    connection: RedisScriptRunner,
    keys: readonly string[],
    args: ReadonlyArray<string | number>,
    options?: { timeout?: number },
  ): Promise<unknown> {
    const rest = [String(keys.length), ...keys, ...args.map(String)];
    const send = (command: string[]) => {
      const reply = connection.sendCommand(command, options);
      return options?.timeout === undefined ? reply : withDeadline(reply, options.timeout);
    };
    try {
      return await send([...this.evalShaArgs, ...rest]);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return send([...this.evalArgs, ...rest]);
    }
  }
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}
