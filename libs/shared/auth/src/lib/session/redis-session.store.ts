import { Logger } from '@nestjs/common';
import { BffError } from '@bff/problem';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { DEFAULT_SESSION_LIMITS, type SessionLimits, sessionCapacityError } from './session-limits';
import { CREATE_SESSION_SCRIPT, DELETE_SESSION_SCRIPT } from './session.scripts';
import type { SessionStore, StoredSession } from './session.store';

interface SessionCommands {
  createSession(sessionKey: string, allKey: string, ...args: (string | number)[]): Promise<number>;
  deleteSession(sessionKey: string, allKey: string, member: string, prefix: string): Promise<number>;
}

const storedSession = z.object({
  sub: z.string().min(1),
  csrfToken: z.string().min(1),
  createdAt: z.number(),
});

/**
 * Sessions in Redis, so every replica of the gateway sees the same ones. Redis
 * expires them; the per-user and total caps are enforced atomically with each
 * sign-in by one script (see `session.scripts.ts`). If Redis is unreachable,
 * requests that need a session get a 503 within the command timeout rather than
 * waiting on reconnects.
 */
export class RedisSessionStore implements SessionStore {
  private readonly logger = new Logger('SessionStore');
  private readonly redis: Redis & SessionCommands;
  private readonly allKey: string;

  constructor(
    url: string,
    private readonly keyPrefix: string,
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
  ) {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1_000, connectTimeout: 2_000 });
    redis.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    redis.defineCommand('createSession', { numberOfKeys: 2, lua: CREATE_SESSION_SCRIPT });
    redis.defineCommand('deleteSession', { numberOfKeys: 2, lua: DELETE_SESSION_SCRIPT });
    this.redis = redis as Redis & SessionCommands;
    this.allKey = `${keyPrefix}all`;
  }

  async get(key: string): Promise<StoredSession | undefined> {
    const value = await this.command(() => this.redis.get(this.keyPrefix + key));
    return value === null ? undefined : parseSession(value);
  }

  async create(key: string, session: StoredSession, ttlSeconds: number): Promise<void> {
    const { maxPerUser, maxTotal } = this.limits;
    const outcome = await this.command(() =>
      this.redis.createSession(
        this.keyPrefix + key,
        this.allKey,
        JSON.stringify(session),
        ttlSeconds,
        key,
        session.sub,
        maxPerUser,
        maxTotal,
        this.keyPrefix,
      ),
    );
    if (outcome < 0) throw sessionCapacityError();
  }

  async delete(key: string): Promise<void> {
    await this.command(() =>
      this.redis.deleteSession(this.keyPrefix + key, this.allKey, key, this.keyPrefix),
    );
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      // Already disconnected: nothing left to close.
      this.redis.disconnect();
    }
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
