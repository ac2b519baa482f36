import { BoundedMemoryStore } from './bounded-memory.store';

describe('BoundedMemoryStore', () => {
  it('evicts the least recently used entry beyond maxEntries', () => {
    const removed: string[] = [];
    const store = new BoundedMemoryStore({ maxEntries: 2, maxBytes: 1_000, onRemove: (key) => removed.push(key) });
    store.set('a', '1');
    store.set('b', '2');
    store.get('a');
    store.set('c', '3');

    expect(store.has('a')).toBe(true);
    expect(store.has('b')).toBe(false);
    expect(removed).toEqual(['b']);
  });

  it('evicts until the byte total fits maxBytes', () => {
    const store = new BoundedMemoryStore({ maxEntries: 100, maxBytes: 10, sizeOf: (_key, value) => String(value).length });
    store.set('a', '1234');
    store.set('b', '1234');
    store.set('c', '1234');

    expect(store.size).toBe(2);
    expect(store.byteSize).toBe(8);
    expect(store.has('a')).toBe(false);
  });

  it('refuses a value larger than maxBytes and reports the key as removed', () => {
    const removed: string[] = [];
    const store = new BoundedMemoryStore({ maxEntries: 10, maxBytes: 4, onRemove: (key) => removed.push(key) });

    expect(store.set('big', '12345678')).toBe(false);
    expect(store.has('big')).toBe(false);
    expect(removed).toEqual(['big']);
  });

  it('does not report a key as removed when it is overwritten', () => {
    const removed: string[] = [];
    const store = new BoundedMemoryStore({ maxEntries: 10, maxBytes: 100, onRemove: (key) => removed.push(key) });
    store.set('a', '1');
    store.set('a', '22');

    expect(store.get('a')).toBe('22');
    expect(removed).toEqual([]);
    expect(store.byteSize).toBe(3);
  });

  it('clears everything', () => {
    const store = new BoundedMemoryStore({ maxEntries: 10, maxBytes: 100 });
    store.set('a', '1');
    store.clear();
    expect(store.size).toBe(0);
    expect(store.byteSize).toBe(0);
  });
});
