import { RedisConnections } from '@bff/platform';
import { freePort } from '@bff/testing';
import { randomUUID } from 'node:crypto';
import { MemoryOperationStore } from './memory-operation.store';
import type { OperationRecord } from './operation-record';
import type { OperationStore } from './operation.store';
import { RedisOperationStore } from './redis-operation.store';

const REDIS_URL = 'redis://127.0.0.1:6379';
const TTL_SECONDS = 60;

const pending = (id = `op-${randomUUID()}`): OperationRecord => ({
  id,
  kind: 'review.submit',
  productId: '42',
  authorId: '7',
  fingerprint: 'f1',
  status: 'pending',
});

const connections = new RedisConnections();
const keyPrefix = `test:operation-store:${randomUUID()}:`;

beforeAll(async () => {
  connections.commands(REDIS_URL);
  await connections.onModuleInit();
});

afterAll(async () => {
  const redis = connections.commands(REDIS_URL);
  for await (const keys of redis.scanIterator({ MATCH: `${keyPrefix}*` }))
    if (keys.length > 0) await redis.del(keys);
  await connections.onApplicationShutdown();
});

describe.each<[string, () => OperationStore]>([
  ['MemoryOperationStore', () => new MemoryOperationStore(TTL_SECONDS)],
  [
    'RedisOperationStore',
    () => new RedisOperationStore(connections.commands(REDIS_URL), keyPrefix, TTL_SECONDS),
  ],
])('%s', (_name, create) => {
  let store: OperationStore;

  beforeEach(() => {
    store = create();
  });

  it('stores a record under a new id, and answers the existing one for an id already claimed', async () => {
    const first = pending();
    expect(await store.claim(first)).toBeUndefined();
    expect(await store.claim({ ...first, authorId: '8', fingerprint: 'f2' })).toEqual(first);
    expect(await store.get(first.id)).toEqual(first);
  });

  it('settles a pending operation as done with its review, and done stays done', async () => {
    const record = pending();
    await store.claim(record);

    expect(await store.settle(record.id, { status: 'done', reviewId: 'r-1' })).toEqual({
      ...record,
      status: 'done',
      reviewId: 'r-1',
    });
    await store.settle(record.id, { status: 'failed' });
    await store.settle(record.id, { status: 'done', reviewId: 'r-2' });

    expect(await store.get(record.id)).toEqual({ ...record, status: 'done', reviewId: 'r-1' });
  });

  it('settles a pending operation as failed', async () => {
    const record = pending();
    await store.claim(record);
    await store.settle(record.id, { status: 'failed' });
    expect(await store.get(record.id)).toMatchObject({ status: 'failed' });
  });

  it('leaves an unknown or withdrawn operation alone when settling it', async () => {
    const record = pending();
    await store.claim(record);
    await store.delete(record.id);

    expect(await store.settle(record.id, { status: 'done', reviewId: 'r-1' })).toBeUndefined();
    expect(await store.get(record.id)).toBeUndefined();
    // The id is free again.
    expect(await store.claim(record)).toBeUndefined();
  });
});

describe('MemoryOperationStore expiry', () => {
  it('forgets records after their TTL, and settling does not extend it', async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const store = new MemoryOperationStore(0.2);
    const record = pending();
    await store.claim(record);
    await sleep(120);
    await store.settle(record.id, { status: 'failed' });
    expect(await store.get(record.id)).toMatchObject({ status: 'failed' });
    await sleep(120);
    expect(await store.get(record.id)).toBeUndefined();
  });
});

describe('RedisOperationStore expiry and outages', () => {
  it('stores a record with the TTL, and settling keeps it', async () => {
    const redis = connections.commands(REDIS_URL);
    const store = new RedisOperationStore(redis, keyPrefix, TTL_SECONDS);
    const record = pending();
    await store.claim(record);
    await store.settle(record.id, { status: 'done', reviewId: 'r-1' });

    const ttl = Number(await redis.sendCommand(['TTL', keyPrefix + record.id]));
    expect(ttl).toBeGreaterThan(TTL_SECONDS - 5);
    expect(ttl).toBeLessThanOrEqual(TTL_SECONDS);
  });

  it('fails closed at once, with a 503 and Retry-After, while Redis cannot be reached', async () => {
    const unreachable = new RedisConnections();
    const store = new RedisOperationStore(
      unreachable.commands(`redis://127.0.0.1:${await freePort()}`),
      keyPrefix,
      TTL_SECONDS,
    );
    try {
      const started = Date.now();
      await expect(store.claim(pending())).rejects.toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        extensions: { reason: 'operation-store', retryAfterSeconds: 1 },
      });
      await expect(store.get('op-12345678')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await unreachable.onApplicationShutdown();
    }
  });
});
