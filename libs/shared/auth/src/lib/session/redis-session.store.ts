import { Logger } from '@nestjs/common';
import { BffError } from '@bff/problem';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { SessionStore, StoredSession } from './session.store';

const storedSession = z.object({ sub: z.string().min(1), csrfToken: z.string().min(1), createdAt: z.number() });

/**
 * Sessions in Redis, so every replica of the gateway sees the same ones. Redis
 * expires them (`SET ... EX`). If Redis is unreachable, requests that need a session
 * get a 503 within the command timeout rather than waiting on reconnects.
 */
export class RedisSessionStore implements SessionStore {
  private readonly logger = new Logger('SessionStore');
  private readonly redis: Redis;

  constructor(url: string, private readonly keyPrefix: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1_000, connectTimeout: 2_000 });
    this.redis.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
  }

  async get(key: string): Promise<StoredSession | undefined> {
    const value = await this.command(() => this.redis.get(this.keyPrefix + key));
    return value === null ? undefined : parseSession(value);
  }

  async set(key: string, session: StoredSession, ttlSeconds: number): Promise<void> {
    await this.command(() => this.redis.set(this.keyPrefix + key, JSON.stringify(session), 'EX', ttlSeconds));
  }

  async delete(key: string): Promise<void> {
    await this.command(() => this.redis.del(this.keyPrefix + key));
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
