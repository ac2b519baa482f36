import { type RedisCommandConnection, withDeadline } from '@bff/platform';
import { BffError } from '@bff/problem';
import {
  type OperationOutcome,
  type OperationRecord,
  operationRecordSchema,
  settled,
} from './operation-record';
import type { OperationStore } from './operation.store';

/** The store's own deadline for each command on the shared connection. */
const COMMAND_TIMEOUT_MS = 1_000;

/** Clients are told to come back after this when the store cannot be reached. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Operation records in Redis, one JSON string per id with the record's TTL, so every
 * replica of both gateways reads the same operations: a command accepted by one
 * replica is settled by whichever replica's event arrives first, and read through any.
 *
 * Claiming is one `SET NX`, so two replicas given the same `Idempotency-Key` at once
 * agree on whose record stands. Settling reads and writes back with `XX KEEPTTL`: a
 * record withdrawn meanwhile is not brought back, and the expiry stays the original.
 *
 * It runs on the command connection the platform shares (`RedisConnections`) and
 * fails closed: a command that fails, at once while Redis is unreachable or after
 * its 1 s deadline, is a 503 `UPSTREAM_UNAVAILABLE` with `Retry-After`.
 *
 * @example
 * const store = new RedisOperationStore(connections.commands(redisUrl), 'bff:operation:', 86_400);
 */
export class RedisOperationStore implements OperationStore {
  constructor(
    private readonly redis: RedisCommandConnection,
    private readonly keyPrefix: string,
    private readonly ttlSeconds: number,
  ) {}

  async claim(record: OperationRecord): Promise<OperationRecord | undefined> {
    const key = this.keyPrefix + record.id;
    const value = JSON.stringify(record);
    // A record withdrawn between the SET and the GET frees the id again: one more try takes it.
    for (let attempt = 0; attempt < 2; attempt++) {
      const stored = await this.command(['SET', key, value, 'NX', 'EX', String(this.ttlSeconds)]);
      if (stored !== null) return undefined;
      const existing = await this.get(record.id);
      if (existing !== undefined) return existing;
    }
    throw unavailable(new Error('the operation id was claimed and withdrawn twice in a row'));
  }

  async get(id: string): Promise<OperationRecord | undefined> {
    // A raw GET, not `get()`: records are read from Redis itself, never from the
    // connection's near cache, so a settle by another replica is seen at once.
    const value = await this.command(['GET', this.keyPrefix + id]);
    return typeof value === 'string' ? parseRecord(value) : undefined;
  }

  async settle(id: string, outcome: OperationOutcome): Promise<OperationRecord | undefined> {
    const record = await this.get(id);
    const next = record === undefined ? undefined : settled(record, outcome);
    if (next === undefined) return record;
    await this.command(['SET', this.keyPrefix + id, JSON.stringify(next), 'XX', 'KEEPTTL']);
    return next;
  }

  async delete(id: string): Promise<void> {
    await this.command(['DEL', this.keyPrefix + id]);
  }

  private async command(args: string[]): Promise<unknown> {
    try {
      return await withDeadline(this.redis.sendCommand(args), COMMAND_TIMEOUT_MS);
    } catch (error) {
      throw unavailable(error);
    }
  }
}

function unavailable(cause: unknown): BffError {
  return new BffError(
    'UPSTREAM_UNAVAILABLE',
    'The operation store is unavailable.',
    { reason: 'operation-store', retryAfterSeconds: RETRY_AFTER_SECONDS },
    { cause },
  );
}

/** A record some other version wrote in another shape counts as absent, not as a crash. */
function parseRecord(value: string): OperationRecord | undefined {
  try {
    const parsed = operationRecordSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
