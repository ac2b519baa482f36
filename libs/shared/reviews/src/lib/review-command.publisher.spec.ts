import { type ReviewSubmitCommand, amqpTopology } from '@bff/downstream-contracts';
import type { AmqpConnections } from '@bff/platform';
import { BffError } from '@bff/problem';
import { TcpProxy } from '@bff/testing';
import type { Channel } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import {
  StallingProxy,
  TEST_AMQP_URL,
  testChannel,
  testConnections,
  testOptions,
  until,
} from '../test/amqp-test-broker';
import { ReviewCommandPublisher } from './review-command.publisher';
import type { ReviewsOptions } from './reviews.options';

const command = (operationId = `op-${randomUUID()}`): ReviewSubmitCommand => ({
  operationId,
  productId: '42',
  authorId: '7',
  authorName: 'Ada Lovelace',
  draft: { rating: 5, title: 'Sturdy', body: 'Survived a week of camping.' },
});

async function failureOf(call: Promise<unknown>): Promise<BffError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BffError);
  return error as BffError;
}

/** A URL to a port nothing listens on. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const url = new URL(TEST_AMQP_URL);
  url.host = `127.0.0.1:${port}`;
  return url.toString();
}

describe('ReviewCommandPublisher', () => {
  let connections: AmqpConnections;
  let publisher: ReviewCommandPublisher | undefined;
  let broker: Awaited<ReturnType<typeof testChannel>>;
  let declared: string[];

  beforeAll(async () => {
    broker = await testChannel();
  });

  beforeEach(() => {
    connections = testConnections();
    declared = [];
  });

  afterEach(async () => {
    await publisher?.onApplicationShutdown();
    publisher = undefined;
    await connections.onApplicationShutdown();
    for (const queue of declared) await broker.channel.deleteQueue(queue);
  });

  afterAll(() => broker.close());

  async function publisherWith(
    options: ReviewsOptions,
    { waitForChannel = true } = {},
  ): Promise<ReviewCommandPublisher> {
    publisher = new ReviewCommandPublisher(connections, options);
    await connections.onModuleInit();
    if (waitForChannel) await until(() => publisher?.ready === true);
    return publisher;
  }

  /** Declares the commands queue as the review service would, so commands have somewhere to go. */
  async function withCommandsQueue(
    options: ReviewsOptions,
    channel: Channel = broker.channel,
  ): Promise<string> {
    const queue = amqpTopology(options.queuePrefix).reviewCommands;
    await channel.assertQueue(queue, { durable: false });
    declared.push(queue);
    return queue;
  }

  it('resolves once the broker confirms, with the command persistent, as JSON, its message id the operation id', async () => {
    const options = testOptions();
    const queue = await withCommandsQueue(options);
    const sent = command();

    await (await publisherWith(options)).publish(sent);

    const message = await broker.channel.get(queue, { noAck: true });
    expect(message).not.toBe(false);
    if (message === false) return;
    expect(JSON.parse(message.content.toString())).toEqual(sent);
    expect(message.properties).toMatchObject({
      messageId: sent.operationId,
      contentType: 'application/json',
      deliveryMode: 2,
    });
    expect(message.fields).toMatchObject({ exchange: '', routingKey: queue });
  });

  it('answers 503 no-consumer when no queue takes the command: the broker returned it', async () => {
    const error = await failureOf((await publisherWith(testOptions())).publish(command()));

    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.extensions).toMatchObject({ reason: 'no-consumer', retryAfterSeconds: 2 });
  });

  it('answers 503 rejected when the broker nacks the command (its queue is full)', async () => {
    const options = testOptions();
    const queue = amqpTopology(options.queuePrefix).reviewCommands;
    await broker.channel.assertQueue(queue, {
      durable: false,
      arguments: { 'x-max-length': 0, 'x-overflow': 'reject-publish' },
    });
    declared.push(queue);

    const error = await failureOf((await publisherWith(options)).publish(command()));

    expect(error.extensions).toMatchObject({ reason: 'rejected' });
  });

  it('fails at once, without queueing the command, when the broker cannot be reached', async () => {
    const options = testOptions({ amqpUrl: await deadUrl() });
    const sending = (await publisherWith(options, { waitForChannel: false })).publish(command());

    const started = performance.now();
    const error = await failureOf(sending);

    expect(performance.now() - started).toBeLessThan(50);
    expect(error.extensions).toMatchObject({ reason: 'broker-unavailable', service: 'broker' });
  });

  it('fails at once once the connection is cut, and publishes again after it is back', async () => {
    const proxy = await TcpProxy.start(Number(new URL(TEST_AMQP_URL).port || 5672));
    try {
      const url = new URL(TEST_AMQP_URL);
      url.host = `127.0.0.1:${proxy.port}`;
      const options = testOptions({ amqpUrl: url.toString() });
      const queue = await withCommandsQueue(options);
      const live = await publisherWith(options);
      await live.publish(command());

      proxy.cut();
      await until(() => !live.ready);
      const started = performance.now();
      const error = await failureOf(live.publish(command()));
      expect(performance.now() - started).toBeLessThan(50);
      expect(error.extensions).toMatchObject({ reason: 'broker-unavailable' });

      proxy.restore();
      await until(() => live.ready, 5_000);
      await live.publish(command());
      // The command refused while cut was not kept to be sent later: two reached the queue, not three.
      expect((await broker.channel.checkQueue(queue)).messageCount).toBe(2);
    } finally {
      await proxy.stop();
      await until(() => publisher?.ready !== true);
    }
  }, 15_000);

  it('answers 503 confirm-timeout when the broker does not confirm within the budget', async () => {
    const proxy = await StallingProxy.start();
    try {
      const options = testOptions({ amqpUrl: proxy.url(), confirmTimeoutMs: 200 });
      await withCommandsQueue(options);
      const stalled = await publisherWith(options);
      proxy.stall();

      const started = performance.now();
      const error = await failureOf(stalled.publish(command()));

      expect(performance.now() - started).toBeGreaterThanOrEqual(190);
      expect(error.extensions).toMatchObject({ reason: 'confirm-timeout' });
    } finally {
      // A stalled connection never answers a close: drop it first.
      await proxy.stop();
    }
  });

  it('confirms two publishes of one operation id at once independently', async () => {
    const options = testOptions();
    const queue = await withCommandsQueue(options);
    const live = await publisherWith(options);
    const sent = command();

    await Promise.all([live.publish(sent), live.publish(sent)]);

    expect((await broker.channel.checkQueue(queue)).messageCount).toBe(2);
  });
});
