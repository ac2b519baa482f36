import type { CacheInvalidator } from '@bff/caching';
import { REVIEW_EVENTS, REVIEW_EVENTS_EXCHANGE, amqpTopology } from '@bff/downstream-contracts';
import type { AmqpConnections } from '@bff/platform';
import { TcpProxy } from '@bff/testing';
import { randomUUID } from 'node:crypto';
import { TEST_AMQP_URL, testChannel, testConnections, testOptions, until } from '../test/amqp-test-broker';
import { eventuallyPasses as eventually } from '@bff/testing';
import { MemoryOperationStore } from './memory-operation.store';
import type { OperationRecord } from './operation-record';
import { ReviewEventsSubscriber } from './review-events.subscriber';
import type { ReviewsOptions } from './reviews.options';

const pending = (id = `op-${randomUUID()}`): OperationRecord => ({
  id,
  kind: 'review.submit',
  productId: '42',
  authorId: '7',
  fingerprint: 'f1',
  status: 'pending',
});

describe('ReviewEventsSubscriber', () => {
  let connections: AmqpConnections;
  let subscribers: ReviewEventsSubscriber[];
  let broker: Awaited<ReturnType<typeof testChannel>>;
  let options: ReviewsOptions;
  let exchange: string;

  beforeAll(async () => {
    broker = await testChannel();
  });

  beforeEach(async () => {
    connections = testConnections();
    subscribers = [];
    options = testOptions();
    exchange = amqpTopology(options.queuePrefix).reviewEvents;
    await broker.channel.assertExchange(
      exchange,
      REVIEW_EVENTS_EXCHANGE.type,
      REVIEW_EVENTS_EXCHANGE.options,
    );
  });

  afterEach(async () => {
    for (const subscriber of subscribers) await subscriber.onApplicationShutdown();
    await connections.onApplicationShutdown();
    await broker.channel.deleteExchange(exchange);
  });

  afterAll(() => broker.close());

  async function replica(replicaOptions: ReviewsOptions = options) {
    const store = new MemoryOperationStore(60);
    const cache = { invalidate: jest.fn(async () => undefined) };
    const subscriber = new ReviewEventsSubscriber(
      connections,
      replicaOptions,
      store,
      cache as unknown as CacheInvalidator,
    );
    subscribers.push(subscriber);
    await connections.onModuleInit();
    await subscriber.subscribed();
    return { subscriber, store, cache };
  }

  const emit = (routingKey: string, event: unknown) =>
    broker.channel.publish(
      exchange,
      routingKey,
      Buffer.from(typeof event === 'string' ? event : JSON.stringify(event)),
      {
        contentType: 'application/json',
      },
    );

  it("marks the operation done with the review's id and drops the product's cached pages, on every replica", async () => {
    const [first, second] = [await replica(), await replica()];
    const record = pending();
    await first.store.claim(record);
    await second.store.claim(record);

    emit(REVIEW_EVENTS.published, { operationId: record.id, productId: '42', reviewId: 'r-1001' });

    for (const { store, cache } of [first, second]) {
      await eventually(async () =>
        expect(await store.get(record.id)).toMatchObject({ status: 'done', reviewId: 'r-1001' }),
      );
      expect(cache.invalidate).toHaveBeenCalledWith(['product:42']);
    }
  });

  it('marks the operation failed on review.failed, and drops no pages', async () => {
    const { store, cache } = await replica();
    const record = pending();
    await store.claim(record);

    emit(REVIEW_EVENTS.failed, { operationId: record.id, productId: '42' });

    await eventually(async () => expect(await store.get(record.id)).toMatchObject({ status: 'failed' }));
    expect(cache.invalidate).not.toHaveBeenCalled();
  });

  it('still drops the pages for an operation it does not know', async () => {
    const { store, cache } = await replica();

    emit(REVIEW_EVENTS.published, { operationId: 'op-elsewhere', productId: '7', reviewId: 'r-9' });

    await eventually(() => expect(cache.invalidate).toHaveBeenCalledWith(['product:7']));
    expect(await store.get('op-elsewhere')).toBeUndefined();
  });

  it('ignores malformed events and goes on with the next one', async () => {
    const { store, cache } = await replica();
    const record = pending();
    await store.claim(record);

    emit(REVIEW_EVENTS.published, 'not json');
    emit(REVIEW_EVENTS.published, { operationId: record.id, productId: '42' });
    emit(REVIEW_EVENTS.failed, { operationId: 'no', productId: '42' });
    emit(REVIEW_EVENTS.failed, { operationId: record.id, productId: '42' });

    await eventually(async () => expect(await store.get(record.id)).toMatchObject({ status: 'failed' }));
    expect(cache.invalidate).not.toHaveBeenCalled();
  });

  it('binds its queue again after the connection comes back', async () => {
    const proxy = await TcpProxy.start(Number(new URL(TEST_AMQP_URL).port || 5672));
    try {
      const url = new URL(TEST_AMQP_URL);
      url.host = `127.0.0.1:${proxy.port}`;
      const { store, subscriber } = await replica({ ...options, amqpUrl: url.toString() });
      const record = pending();
      await store.claim(record);

      proxy.cut();
      await until(() => connections.state(url.toString()) === 'down');
      proxy.restore();
      await until(() => connections.state(url.toString()) === 'up', 5_000);
      await subscriber.subscribed();
      emit(REVIEW_EVENTS.published, { operationId: record.id, productId: '42', reviewId: 'r-2' });

      await eventually(async () => expect(await store.get(record.id)).toMatchObject({ status: 'done' }));
    } finally {
      await proxy.stop();
    }
  }, 15_000);
});
