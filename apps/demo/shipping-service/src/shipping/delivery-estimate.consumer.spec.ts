import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Channel, type ChannelModel, type ConsumeMessage, connect } from 'amqplib';
import { randomUUID } from 'node:crypto';
import {
  type DeliveryEstimateReply,
  amqpTopology,
  deliveryEstimateReplySchema,
} from '@bff/downstream-contracts';
import { startInProcessApp } from '@bff/testing';
import { AppModule } from '../app/app.module';
import { generateDeliveryEstimate } from './delivery-estimate.seed';

const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to';

interface Reply {
  body: string;
  contentType: unknown;
}

/**
 * A gateway's side of the exchange, by hand: requests published with direct reply-to
 * and `mandatory`; a request nobody takes comes back as `'returned'`.
 */
class Requester {
  private readonly pending = new Map<string, (reply: Reply | 'returned') => void>();
  private next = 0;

  private constructor(readonly channel: Channel) {}

  static async open(connection: ChannelModel): Promise<Requester> {
    const requester = new Requester(await connection.createChannel());
    await requester.channel.consume(DIRECT_REPLY_TO, (message) => message && requester.settle(message), {
      noAck: true,
    });
    requester.channel.on('return', (message: ConsumeMessage) =>
      requester.pending.get(message.properties.correlationId as string)?.('returned'),
    );
    return requester;
  }

  request(
    queue: string,
    body: unknown,
    {
      headers = {},
      expirationMs = 2_000,
      waitMs = expirationMs + 500,
    }: { headers?: Record<string, unknown>; expirationMs?: number; waitMs?: number } = {},
  ): Promise<Reply | 'returned' | 'no reply'> {
    const correlationId = `test-${this.next++}`;
    const content = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        resolve('no reply');
      }, waitMs);
      this.pending.set(correlationId, (reply) => {
        clearTimeout(timer);
        this.pending.delete(correlationId);
        resolve(reply);
      });
      this.channel.sendToQueue(queue, content, {
        replyTo: DIRECT_REPLY_TO,
        correlationId,
        mandatory: true,
        expiration: String(expirationMs),
        contentType: 'application/json',
        headers,
      });
    });
  }

  private settle(message: ConsumeMessage): void {
    const body = message.content.toString('utf8');
    this.pending.get(message.properties.correlationId as string)?.({
      body,
      contentType: message.properties.contentType,
    });
  }
}

function estimateReply(reply: Reply | 'returned' | 'no reply'): DeliveryEstimateReply {
  if (typeof reply === 'string') throw new Error(`expected a reply, got ${reply}`);
  return deliveryEstimateReplySchema.parse(JSON.parse(reply.body));
}

async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('shipping-service over AMQP', () => {
  let connection: ChannelModel;
  let requester: Requester;
  let running: NestFastifyApplication | undefined;
  let queue: string;

  function app(): NestFastifyApplication {
    if (!running) throw new Error('the service is not running');
    return running;
  }

  const stats = async () => (await app().inject({ method: 'GET', url: '/__admin/stats' })).json();

  beforeAll(async () => {
    connection = await connect(AMQP_URL, { noDelay: true });
    requester = await Requester.open(connection);
  });

  beforeEach(async () => {
    // A prefix of its own per test: no queue is shared with another test, run or stack.
    const prefix = `test.${randomUUID().slice(0, 8)}.`;
    process.env['AMQP_QUEUE_PREFIX'] = prefix;
    process.env['AMQP_URL'] = AMQP_URL;
    queue = amqpTopology(prefix).deliveryEstimates;
    running = await startInProcessApp(AppModule);
  });

  afterEach(async () => {
    await running?.close();
    running = undefined;
    // The queue is auto-delete and went with the service; a failed test must not leave it behind.
    const cleanup = await connection.createChannel();
    await cleanup.deleteQueue(queue).catch(() => undefined);
    await cleanup.close().catch(() => undefined);
  });

  afterAll(async () => {
    delete process.env['AMQP_QUEUE_PREFIX'];
    delete process.env['AMQP_URL'];
    await connection.close();
  });

  it('answers on replyTo with the correlation id, a JSON content type and the estimate', async () => {
    const reply = await requester.request(queue, { productId: '42' });

    expect(reply).toMatchObject({ contentType: 'application/json' });
    expect(estimateReply(reply)).toEqual({ ok: true, estimate: generateDeliveryEstimate('42') });
  });

  it('answers a malformed request 400 and an unknown product 404', async () => {
    expect(estimateReply(await requester.request(queue, { id: '42' }))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(estimateReply(await requester.request(queue, 'not json'))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(estimateReply(await requester.request(queue, { productId: '9999' }))).toEqual({
      ok: false,
      status: 404,
      title: 'Not found',
    });
  });

  it('drops a message it cannot answer (no replyTo) and goes on answering', async () => {
    requester.channel.sendToQueue(queue, Buffer.from('{"productId":"1"}'));
    expect(estimateReply(await requester.request(queue, { productId: '1' }))).toMatchObject({ ok: true });
    expect(await stats()).toMatchObject({ requests: 1 });
  });

  it("applies the fault knobs set over HTTP to the queue's path, and counts the requests", async () => {
    const put = await app().inject({
      method: 'PUT',
      url: '/__admin/faults',
      payload: { status: 503, path: '/shipping', times: 1 },
    });
    expect(put.statusCode).toBe(204);

    expect(estimateReply(await requester.request(queue, { productId: '7' }))).toEqual({
      ok: false,
      status: 503,
      title: 'Upstream unavailable',
    });
    expect(estimateReply(await requester.request(queue, { productId: '7' }))).toMatchObject({ ok: true });
    expect(await stats()).toEqual({ requests: 2, aborted: 0, byPath: { '/shipping.v1.estimate': 2 } });
  });

  it('takes x-fault-* knobs from message headers and logs them with the request', async () => {
    const headers = { 'x-fault-invalid-body': 'true', 'x-request-id': 'req-1' };
    const reply = await requester.request(queue, { productId: '3' }, { headers });

    expect(
      typeof reply === 'object' && deliveryEstimateReplySchema.safeParse(JSON.parse(reply.body)).success,
    ).toBe(false);
    const [logged] = (await app().inject({ method: 'GET', url: '/__admin/requests?limit=1' })).json();
    expect(logged).toEqual({ method: 'PUBLISH', path: '/shipping.v1.estimate', headers });
  });

  it('sends nothing on a hang, and lets go of it once the request has expired', async () => {
    const reply = requester.request(
      queue,
      { productId: '3' },
      { headers: { 'x-fault-hang': true }, expirationMs: 100 },
    );
    expect(await reply).toBe('no reply');
    await eventually(async () => (await stats()).aborted === 1);
  });

  it('answers a request delayed by a fault with 503 when it shuts down, then its queue is gone', async () => {
    const delayed = requester.request(
      queue,
      { productId: '3' },
      { headers: { 'x-fault-latency-ms': '30000' } },
    );
    await eventually(async () => (await stats()).requests === 1);

    await app().close();
    running = undefined;

    expect(estimateReply(await delayed)).toEqual({ ok: false, status: 503, title: 'Upstream unavailable' });
    expect(await requester.request(queue, { productId: '3' })).toBe('returned');
  });
});
