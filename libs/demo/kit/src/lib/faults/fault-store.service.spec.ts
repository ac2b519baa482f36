import { FaultStore } from './fault-store.service';

describe('FaultStore', () => {
  it('applies a spec to every request until cleared', () => {
    const store = new FaultStore();
    store.set({ status: 503 });
    expect(store.take('/a')).toEqual({ status: 503 });
    expect(store.take('/b')).toEqual({ status: 503 });
    store.clear();
    expect(store.take('/a')).toBeUndefined();
  });

  it('only matches paths under the filter, and only those count against times', () => {
    const store = new FaultStore();
    store.set({ status: 503, path: '/reviews', times: 2 });
    expect(store.take('/products/1')).toBeUndefined();
    expect(store.take('/reviews')).toBeDefined();
    expect(store.take('/products/1')).toBeUndefined();
    expect(store.take('/reviews')).toBeDefined();
    expect(store.take('/reviews')).toBeUndefined();
  });

  it('restarts the count when a spec is replaced', () => {
    const store = new FaultStore();
    store.set({ status: 500, times: 1 });
    store.take('/');
    store.set({ status: 502, times: 1 });
    expect(store.take('/')).toEqual({ status: 502, times: 1 });
  });
});
