import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  REVIEW_COMMAND_DELIVERY_LIMIT,
  REVIEW_EVENTS,
  type ReviewPage,
  type ReviewSubmitCommand,
} from '@bff/downstream-contracts';
import { startInProcessApp } from '@bff/testing';
import { randomBytes } from 'node:crypto';
import { AppModule } from '../app/app.module';
import { TestBroker } from './test-broker';

/** A delivery as `GET /__admin/requests` shows it. */
interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** The fault knobs' path of the commands queue. */
const COMMANDS_PATH = '/review.v1.submit';

describe('review-service review.submit commands', () => {
  let broker: TestBroker;
  let app: NestFastifyApplication;

  beforeEach(async () => {
    broker = await TestBroker.open();
    process.env['PORT'] = '0';
    process.env['AMQP_QUEUE_PREFIX'] = broker.prefix;
    app = await startInProcessApp(AppModule);
    await broker.watchEvents();
  });

  afterEach(async () => {
    await app.close();
    await broker.close();
  });

  const command = (overrides: Partial<ReviewSubmitCommand> = {}): ReviewSubmitCommand => ({
    operationId: `op-${randomBytes(6).toString('hex')}`,
    productId: '7',
    authorId: 'user-1',
    authorName: 'Ada L.',
    draft: { rating: 5, title: 'Sturdy', body: 'Survived a week of camping.' },
    ...overrides,
  });

  const reviewsOf = async (productId: string) =>
    (await app.inject({ method: 'GET', url: `/reviews?productId=${productId}&limit=50` })).json<ReviewPage>();

  const deliveries = async (): Promise<number> =>
    (await app.inject({ method: 'GET', url: '/__admin/stats' })).json<{ byPath: Record<string, number> }>()
      .byPath[COMMANDS_PATH] ?? 0;

  it('stores the review of a command and publishes review.published with its id', async () => {
    const before = await reviewsOf('7');
    const submit = command();
    broker.send(submit, submit.operationId);

    const [event] = await broker.eventsReceived(1);
    expect(event).toEqual({
      routingKey: REVIEW_EVENTS.published,
      body: { operationId: submit.operationId, productId: '7', reviewId: expect.any(String) },
    });
    const after = await reviewsOf('7');
    expect(after.summary.count).toBe(before.summary.count + 1);
    expect(after.items[0]).toMatchObject({
      id: event?.body['reviewId'],
      author: 'Ada L.',
      rating: 5,
      title: 'Sturdy',
    });
  });

  it('stores one review for a command delivered twice, and publishes the same review id both times', async () => {
    const before = await reviewsOf('7');
    const submit = command();
    broker.send(submit, submit.operationId);
    broker.send(submit, submit.operationId);

    const events = await broker.eventsReceived(2);
    expect(events.map((event) => event.routingKey)).toEqual([
      REVIEW_EVENTS.published,
      REVIEW_EVENTS.published,
    ]);
    expect(events[0]?.body).toEqual(events[1]?.body);
    expect((await reviewsOf('7')).summary.count).toBe(before.summary.count + 1);
  });

  it.each([
    ['a body that breaks the schema', command({ draft: { rating: 9 as 5, title: 'Sturdy', body: 'Fine.' } })],
    ['an unknown product', command({ productId: '999' })],
  ])('dead-letters %s on its first delivery and publishes review.failed', async (_label, submit) => {
    broker.send(submit, submit.operationId);

    const [event] = await broker.eventsReceived(1);
    expect(event).toEqual({
      routingKey: REVIEW_EVENTS.failed,
      body: { operationId: submit.operationId, productId: submit.productId },
    });
    expect(await deliveries()).toBe(1);
  });

  it('drops a dead-lettered body that is not JSON without an event', async () => {
    broker.send('{not json', 'op-garbled');
    const submit = command();
    broker.send(submit, submit.operationId);

    // Commands are processed side by side; by the time the second one is published, the first is long dead-lettered.
    const [event] = await broker.eventsReceived(1);
    expect(event?.routingKey).toBe(REVIEW_EVENTS.published);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(broker.events).toHaveLength(1);
    expect(await broker.messagesIn(broker.topology.reviewCommandsDead)).toBe(0);
  });

  it(`dead-letters a command that fails every delivery after exactly ${REVIEW_COMMAND_DELIVERY_LIMIT} deliveries`, async () => {
    const fault = { status: 503, path: COMMANDS_PATH };
    expect((await app.inject({ method: 'PUT', url: '/__admin/faults', payload: fault })).statusCode).toBe(
      204,
    );
    const before = await reviewsOf('7');
    const submit = command();
    broker.send(submit, submit.operationId);

    const [event] = await broker.eventsReceived(1);
    expect(event).toEqual({
      routingKey: REVIEW_EVENTS.failed,
      body: { operationId: submit.operationId, productId: '7' },
    });
    expect(await deliveries()).toBe(REVIEW_COMMAND_DELIVERY_LIMIT);
    expect(await broker.messagesIn(broker.topology.reviewCommands)).toBe(0);
    expect((await reviewsOf('7')).summary.count).toBe(before.summary.count);

    const requests = (await app.inject({ method: 'GET', url: '/__admin/requests' })).json<
      RecordedRequest[]
    >();
    const consumed = requests.filter((request) => request.method === 'CONSUME');
    expect(consumed.map((request) => request.path)).toEqual(
      Array(REVIEW_COMMAND_DELIVERY_LIMIT).fill(COMMANDS_PATH),
    );
    expect(consumed.map((request) => request.headers['x-delivery-count'])).toEqual(['0', '1', '2']);
    expect(consumed.every((request) => request.headers['message-id'] === submit.operationId)).toBe(true);
  });

  it('stores a command that fails fewer times than its limit once the fault is used up', async () => {
    const fault = { status: 500, path: COMMANDS_PATH, times: REVIEW_COMMAND_DELIVERY_LIMIT - 1 };
    await app.inject({ method: 'PUT', url: '/__admin/faults', payload: fault });
    const submit = command();
    broker.send(submit, submit.operationId);

    const [event] = await broker.eventsReceived(1);
    expect(event?.routingKey).toBe(REVIEW_EVENTS.published);
    expect(await deliveries()).toBe(REVIEW_COMMAND_DELIVERY_LIMIT);
  });

  it('dead-letters a command at once when the fault is a client error', async () => {
    await app.inject({
      method: 'PUT',
      url: '/__admin/faults',
      payload: { status: 422, path: COMMANDS_PATH },
    });
    const submit = command();
    broker.send(submit, submit.operationId);

    const [event] = await broker.eventsReceived(1);
    expect(event?.routingKey).toBe(REVIEW_EVENTS.failed);
    expect(await deliveries()).toBe(1);
  });

  it('holds a command unacknowledged while the fault hangs, and lets the app shut down', async () => {
    await app.inject({ method: 'PUT', url: '/__admin/faults', payload: { hang: true, path: COMMANDS_PATH } });
    const submit = command();
    broker.send(submit, submit.operationId);

    const deadline = Date.now() + 2_000;
    while ((await deliveries()) === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await deliveries()).toBe(1);
    expect(broker.events).toEqual([]);
    // afterEach closes the app: the held delivery must not keep it open.
  });
});
