import { BffError } from '@bff/problem';
import { type RedisCommandConnection, RedisScript, withDeadline } from '@bff/platform';
import { z } from 'zod';
import { DEFAULT_SESSION_LIMITS, type SessionLimits, sessionCapacityError } from './session-limits';
import { CREATE_SESSION_SCRIPT, DELETE_SESSION_SCRIPT } from './session.scripts';
import type { SessionStore, StoredSession } from './session.store';

const createSession = new RedisScript(CREATE_SESSION_SCRIPT);
const deleteSession = new RedisScript(DELETE_SESSION_SCRIPT);

/** The sessions' own deadline for each command on the shared connection. */
const COMMAND_OPTIONS = { timeout: 1_000 };

const storedSession = z.object({
  sub: z.string().min(1),
  csrfToken: z.string().min(1),
  createdAt: z.number(),
});

/**
 * Sessions in Redis, so every replica of the gateway sees the same ones. Redis
 * expires them; the per-user and total caps are enforced atomically with each
 * sign-in by one script (see `session.scripts.ts`).
 *
 * It runs on the command connection the platform shares (`RedisConnections`),
 * which it neither opens nor closes, with its own outage policy: it fails closed.
 * Any command that fails, including at once while Redis is unreachable (the shared
 * connection has no offline queue) or after the 1 s command timeout, answers the
 * request with a 503 rather than letting it wait on reconnects.
 *
 * @example
 * const store = new RedisSessionStore(connections.commands(redisUrl), 'bff:web:session:', { maxPerUser: 10, maxTotal: 100_000 });
 */
export class RedisSessionStore implements SessionStore {
  private readonly allKey: string;

  constructor(
    private readonly redis: RedisCommandConnection,
    private readonly keyPrefix: string,
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
  ) {
    this.allKey = `${keyPrefix}all`;
  }

  async get(key: string): Promise<StoredSession | undefined> {
    // A raw GET, not `get()`: sessions are read from Redis itself, never from the
    // connection's near cache, so a session ended on another replica is gone at once.
    const value = await this.command(() => withDeadline(this.redis.sendCommand(['GET', this.keyPrefix + key]), COMMAND_OPTIONS.timeout));
    return typeof value === 'string' ? parseSession(value) : undefined;
  }

  async create(key: string, session: StoredSession, ttlSeconds: number): Promise<void> {
    const { maxPerUser, maxTotal } = this.limits;
    const outcome = await this.command(() =>
      createSession.run(
        this.redis,
        [this.keyPrefix + key, this.allKey],
        [JSON.stringify(session), ttlSeconds, key, session.sub, maxPerUser, maxTotal, this.keyPrefix],
        COMMAND_OPTIONS,
      ),
    );
    if (typeof outcome === 'number' && outcome < 0) throw sessionCapacityError();
  }

  async delete(key: string): Promise<void> {
    await this.command(() =>
      deleteSession.run(this.redis, [this.keyPrefix + key, this.allKey], [key, this.keyPrefix], COMMAND_OPTIONS),
    );
  }

  async close(): Promise<void> {
    // The connection is the platform's: RedisConnections closes it at shutdown.
  }

  private async command<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new BffError('UPSTREAM_UNAVAILABLE', 'The session store is unavailable.', {}, { cause: error });
    }
  }
}

/** A value that is not a session we wrote is treated as no session, never as a server error. */
function parseSession(value: string): StoredSession | undefined {
  try {
    const parsed = storedSession.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
