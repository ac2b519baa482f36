import { MemorySessionStore } from './memory-session.store';

const session = (sub: string) => ({ sub, csrfToken: 'csrf', createdAt: 0 });

describe('MemorySessionStore', () => {
  afterEach(() => jest.restoreAllMocks());

  it('forgets a session once its TTL has passed', async () => {
    const store = new MemorySessionStore();
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    await store.set('a', session('1'), 60);
    now.mockReturnValue(1_000_000 + 59_999);
    expect(await store.get('a')).toEqual(session('1'));
    now.mockReturnValue(1_000_000 + 60_000);
    expect(await store.get('a')).toBeUndefined();
  });

  it('keeps at most its bound, dropping the oldest session first', async () => {
    const store = new MemorySessionStore(2);
    await store.set('a', session('1'), 60);
    await store.set('b', session('2'), 60);
    await store.set('c', session('3'), 60);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toEqual(session('2'));
    expect(await store.get('c')).toEqual(session('3'));
  });

  it('deletes a session', async () => {
    const store = new MemorySessionStore();
    await store.set('a', session('1'), 60);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
  });
});
