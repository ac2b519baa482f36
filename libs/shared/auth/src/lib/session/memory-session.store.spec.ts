import { MemorySessionStore } from './memory-session.store';

const session = (sub: string) => ({ sub, csrfToken: 'csrf', createdAt: 0 });

describe('MemorySessionStore', () => {
  afterEach(() => jest.restoreAllMocks());

  it('forgets a session once its TTL has passed', async () => {
    const store = new MemorySessionStore();
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    await store.create('a', session('1'), 60);
    now.mockReturnValue(1_000_000 + 59_999);
    expect(await store.get('a')).toEqual(session('1'));
    now.mockReturnValue(1_000_000 + 60_000);
    expect(await store.get('a')).toBeUndefined();
  });

  it('lets an expired session make room under the total cap', async () => {
    const store = new MemorySessionStore({ maxPerUser: 10, maxTotal: 2 });
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    await store.create('a', session('1'), 60);
    await store.create('b', session('2'), 600);
    await expect(store.create('c', session('3'), 60)).rejects.toMatchObject({ code: 'OVERLOADED' });
    now.mockReturnValue(1_000_000 + 60_000);
    await store.create('c', session('3'), 60);
    expect(await store.get('b')).toEqual(session('2'));
    expect(await store.get('c')).toEqual(session('3'));
  });

  it('deletes a session', async () => {
    const store = new MemorySessionStore();
    await store.create('a', session('1'), 60);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
  });

  it("frees an expired session's place under its user's cap, whether or not it was read since", async () => {
    const store = new MemorySessionStore({ maxPerUser: 2, maxTotal: 10 });
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    await store.create('a1', session('1'), 60);
    await store.create('a2', session('1'), 600);
    await store.create('b1', session('2'), 60);
    await store.create('b2', session('2'), 600);
    now.mockReturnValue(1_000_000 + 60_000);
    expect(await store.get('a1')).toBeUndefined();
    await store.create('a3', session('1'), 600);
    await store.create('b3', session('2'), 600);
    for (const key of ['a2', 'a3', 'b2', 'b3']) expect(await store.get(key)).toBeDefined();
  });
});
