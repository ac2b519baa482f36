import type { OperationOutcome, OperationRecord } from './operation-record';

/**
 * Where operation records live for `OPERATION_TTL_SECONDS`: Redis, shared by every
 * replica, when `REDIS_URL` is set, else this process's memory. A Redis store fails
 * closed: a command it cannot run is a 503, never a guess.
 */
export interface OperationStore {
  /** Stores `record` unless one with its id exists; answers the existing one, or `undefined` when `record` was stored. */
  claim(record: OperationRecord): Promise<OperationRecord | undefined>;
  get(id: string): Promise<OperationRecord | undefined>;
  /** Records how the operation ended, keeping its expiry; an unknown or expired id is left alone. */
  settle(id: string, outcome: OperationOutcome): Promise<OperationRecord | undefined>;
  delete(id: string): Promise<void>;
}

export const OPERATION_STORE = Symbol('OPERATION_STORE');
