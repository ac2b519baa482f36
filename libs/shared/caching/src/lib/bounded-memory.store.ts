import { LRUCache } from 'lru-cache';

export interface BoundedMemoryStoreOptions {
  maxEntries: number;
  maxBytes: number;
  /** Approximate bytes one value holds; the default sizes strings and JSON-able values. */
  sizeOf?: (key: string, value: unknown) => number;
  /** Called when a key leaves the store by eviction, deletion or a rejected (oversized) write. */
  onRemove?: (key: string) => void;
}

/**
 * A Keyv storage adapter that never outgrows its limits: `lru-cache` evicts the
 * least recently used entries once either the entry count or the byte total is
 * exceeded. (Keyv's default `Map` and cache-manager's default store grow without
 * bound.) Expiry stays Keyv's job: it stores `{ value, expires }` and drops expired
 * data on read, so the LRU keeps no timers.
 */
export class BoundedMemoryStore {
  /** Set by Keyv; unused because keys arrive already namespaced. */
  namespace?: string;
  private readonly entries: LRUCache<string, NonNullable<unknown>>;

  constructor(private readonly options: BoundedMemoryStoreOptions) {
    const sizeOf = options.sizeOf ?? defaultSizeOf;
    const onRemove = options.onRemove;
    this.entries = new LRUCache<string, NonNullable<unknown>>({
      max: Math.max(1, Math.floor(options.maxEntries)),
      maxSize: Math.max(1, Math.floor(options.maxBytes)),
      // lru-cache counts sizes in positive integers.
      sizeCalculation: (value, key) => Math.max(1, Math.ceil(sizeOf(key, value))),
      // An overwrite ('set') keeps the key in the store: only evictions and deletions remove it.
      dispose: onRemove && ((_value, key, reason) => reason !== 'set' && onRemove(key)),
    });
  }

  get size(): number {
    return this.entries.size;
  }

  get byteSize(): number {
    return this.entries.calculatedSize;
  }

  get(key: string): unknown {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Stores the value; false when it alone exceeds `maxBytes` (the key is then gone). */
  set(key: string, value: unknown): boolean {
    this.entries.set(key, value as NonNullable<unknown>);
    if (this.entries.has(key)) return true;
    this.options.onRemove?.(key);
    return false;
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

function defaultSizeOf(key: string, value: unknown): number {
  const payload = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return Buffer.byteLength(key) + Buffer.byteLength(payload);
}
