import { LRUCache } from 'lru-cache';
import { type OperationOutcome, type OperationRecord, settled } from './operation-record';
import type { OperationStore } from './operation.store';

/** Bounds the memory a flood of commands can take; the oldest records go first. */
const MAX_RECORDS = 100_000;

/**
 * Operation records in this process only: for one replica, or a gateway run without
 * Redis. A command accepted by one replica cannot be read through another.
 *
 * @example
 * const store = new MemoryOperationStore(86_400);
 */
export class MemoryOperationStore implements OperationStore {
  private readonly records: LRUCache<string, OperationRecord>;

  constructor(ttlSeconds: number, maxRecords = MAX_RECORDS) {
    this.records = new LRUCache({ max: maxRecords, ttl: ttlSeconds * 1_000 });
  }

  async claim(record: OperationRecord): Promise<OperationRecord | undefined> {
    const existing = this.records.get(record.id);
    if (existing !== undefined) return existing;
    this.records.set(record.id, record);
    return undefined;
  }

  async get(id: string): Promise<OperationRecord | undefined> {
    return this.records.get(id);
  }

  async settle(id: string, outcome: OperationOutcome): Promise<OperationRecord | undefined> {
    const record = this.records.get(id);
    const next = record === undefined ? undefined : settled(record, outcome);
    if (next === undefined) return record;
    this.records.set(id, next, { noUpdateTTL: true });
    return next;
  }

  async delete(id: string): Promise<void> {
    this.records.delete(id);
  }
}
