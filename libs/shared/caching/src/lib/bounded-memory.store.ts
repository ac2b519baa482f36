export interface BoundedMemoryStoreOptions {
  maxEntries: number;
  maxBytes: number;
  /** Approximate bytes one value holds; the default sizes strings and JSON-able values. */
  sizeOf?: (key: string, value: unknown) => number;
  /** Called when a key leaves the store by eviction, deletion or a rejected (oversized) write. */
  onRemove?: (key: string) => void;
}

interface Slot {
  value: unknown;
  size: number;
}

/**
 * A Keyv storage adapter that never outgrows its limits: least recently used
 * entries are evicted once either the entry count or the byte total is exceeded.
 * (Keyv's default `Map` and cache-manager's default store grow without bound.)
 * Expiry stays Keyv's job: it stores `{ value, expires }` and drops expired data on read.
 */
export class BoundedMemoryStore {
  /** Set by Keyv; unused because keys arrive already namespaced. */
  namespace?: string;
  // A Map iterates in insertion order, so re-inserting on access keeps the LRU order.
  private readonly slots = new Map<string, Slot>();
  private bytes = 0;
  private readonly sizeOf: (key: string, value: unknown) => number;

  constructor(private readonly options: BoundedMemoryStoreOptions) {
    this.sizeOf = options.sizeOf ?? defaultSizeOf;
  }

  get size(): number {
    return this.slots.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  get(key: string): unknown {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.value;
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  set(key: string, value: unknown): boolean {
    const size = this.sizeOf(key, value);
    const previous = this.slots.get(key);
    if (previous !== undefined) {
      this.slots.delete(key);
      this.bytes -= previous.size;
    }
    if (size > this.options.maxBytes) {
      this.options.onRemove?.(key);
      return false;
    }
    this.slots.set(key, { value, size });
    this.bytes += size;
    this.evict();
    return true;
  }

  delete(key: string): boolean {
    const slot = this.slots.get(key);
    if (slot === undefined) return false;
    this.slots.delete(key);
    this.bytes -= slot.size;
    this.options.onRemove?.(key);
    return true;
  }

  clear(): void {
    for (const key of [...this.slots.keys()]) this.delete(key);
  }

  private evict(): void {
    while (this.slots.size > this.options.maxEntries || this.bytes > this.options.maxBytes) {
      const oldest = this.slots.keys().next();
      if (oldest.done) return;
      this.delete(oldest.value);
    }
  }
}

function defaultSizeOf(key: string, value: unknown): number {
  const payload = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return Buffer.byteLength(key) + Buffer.byteLength(payload);
}
