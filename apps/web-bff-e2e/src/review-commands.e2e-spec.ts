import type { Operation } from '@bff/contracts';
import { amqpTopology } from '@bff/downstream-contracts';
import { AppProcess, DemoFaults, DemoStack, TcpProxy, TestAuth, request } from '@bff/testing';
import type { WebProductDetails } from '@bff/web-contracts';
import amqplib from 'amqplib';
import { randomUUID } from 'node:crypto';

const PROBLEM = /^application\/problem\+json/;
const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

/**
 * Reviews as commands through the web BFF, against the real review service on the
 * real broker: `202 Accepted` once RabbitMQ holds the command, the operation read
 * back until the review service's event settles it, the product page showing the
 * review once that event dropped its cached copy, and a 503 with `Retry-After` (and
 * nothing left behind) whenever the broker does not take the command. The gateway
 * reaches RabbitMQ through a proxy of the test's own, so the test can cut it.
 */
describe('web-bff: reviews as commands over RabbitMQ', () => {
  let stack: DemoStack;
  let proxy: TcpProxy;
  let bff: AppProcess;
  let reviews: DemoFaults;
  const auth = new TestAuth();
  const asUser = (sub: string) => auth.bearer({ sub, audience: 'web-bff', scopes: ['reviews:write'] });
  const draft = (title = `Solid ${randomUUID().slice(0, 8)}`) => ({
    rating: 4,
    title,
    body: 'Does what it says on the box.',
  });

  beforeAll(async () => {
    stack = await DemoStack.start();
    const broker = new URL(AMQP_URL);
    proxy = await TcpProxy.start(Number(broker.port || 5672), broker.hostname);
    broker.host = `127.0.0.1:${proxy.port}`;
    bff = await AppProcess.start('web-bff', {
      ...stack.bffEnv(),
      ...auth.env(),
      AMQP_URL: broker.toString(),
      REVIEW_COMMAND_CONFIRM_TIMEOUT_MS: '1000',
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
      RATE_LIMIT_REVIEW_WRITES: 'review-writes=1000/1m',
    });
    reviews = new DemoFaults(stack.services.review.url);
  });

  afterEach(async () => {
    proxy?.restore();
    await reviews?.reset().catch(() => undefined);
  });

  afterAll(async () => {
    await bff?.stop();
    await proxy?.stop();
    await stack?.stop();
  });

  async function post(productId: string, body: object, sub = '7', idempotencyKey?: string) {
    return request<Operation>(`${bff.url}/products/${productId}/reviews`, {
      method: 'POST',
      headers: {
        ...(await asUser(sub)),
        'content-type': 'application/json',
        ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
      },
      body: JSON.stringify(body),
    });
  }

  async function operation(location: string, sub = '7') {
    return request<Operation>(`${bff.url}${location}`, { headers: await asUser(sub) });
  }

  /** Polls the operation until it is no longer pending. */
  async function settled(location: string, sub = '7', timeoutMs = 15_000): Promise<Operation> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { status, body } = await operation(location, sub);
      expect(status).toBe(200);
      if (body.status !== 'pending' || Date.now() > until) return body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Loads the product page until the gateway serves it from its cache (a degraded part is not cached). */
  async function cachedPage(productId: string, timeoutMs = 5_000): Promise<string | null> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { headers } = await request(`${bff.url}/product-details/${productId}`);
      if (headers.get('x-cache') === 'HIT' || Date.now() > until) return headers.get('x-cache');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits until the gateway is connected through the proxy again: a publish is answered 202. */
  async function brokerBack(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { status } = await post('9', draft());
      if (status === 202 || Date.now() > until) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('accepts a review with 202 and Location, and the product page shows it once the operation is done', async () => {
    expect(await cachedPage('3')).toBe('HIT');

    const accepted = await post('3', draft('Accepted review'));

    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({
      id: expect.any(String),
      kind: 'review.submit',
      productId: '3',
      status: 'pending',
    });
    expect(accepted.headers.get('location')).toBe(`/operations/${accepted.body.id}`);
    const done = await settled(`/operations/${accepted.body.id}`);
    expect(done).toEqual({ ...accepted.body, status: 'done', reviewId: expect.any(String) });
    if (done.status !== 'done') return;

    // The review.published event dropped the cached page: no write through the gateway did.
    const page = await request<WebProductDetails>(`${bff.url}/product-details/3`);
    expect(page.headers.get('x-cache')).toBe('MISS');
    if (page.body.reviews.status !== 'ok') throw new Error('reviews expected');
    expect(page.body.reviews.items[0]).toMatchObject({ id: done.reviewId, title: 'Accepted review' });
  });

  it('answers GET /operations/:id with no-store, to its author only: anyone else gets the 404 of an unknown id', async () => {
    const accepted = await post('4', draft());
    const location = accepted.headers.get('location') ?? '';

    const own = await operation(location);
    const other = await operation(location, '8');
    const unknown = await operation(`/operations/${randomUUID()}`, '8');

    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('no-store');
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(PROBLEM);
    expect(unknown.status).toBe(404);
    const withoutInstance = (problem: unknown) => ({
      ...(problem as Record<string, unknown>),
      instance: undefined,
    });
    expect(withoutInstance(other.body)).toEqual(withoutInstance(unknown.body));
    expect((await request(`${bff.url}${location}`)).status).toBe(401);
  });

  it('makes one review of the same Idempotency-Key sent twice, and refuses the key for another review or author with 422', async () => {
    const key = `k-${randomUUID()}`;
    const body = draft();

    const first = await post('5', body, '7', key);
    const second = await post('5', { ...body }, '7', `"${key}"`);

    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(first.body.id).toBe(key);
    const done = await settled(`/operations/${key}`);
    expect(done.status).toBe('done');
    const stored = await request<{ items: { title: string }[] }>(
      `${stack.services.review.url}/reviews?productId=5&limit=50`,
    );
    expect(stored.body.items.filter((review) => review.title === body.title)).toHaveLength(1);

    for (const reused of [await post('5', draft(), '7', key), await post('5', body, '8', key)]) {
      expect(reused.status).toBe(422);
      expect(reused.headers.get('content-type')).toMatch(PROBLEM);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    }
  });

  it('refuses a malformed Idempotency-Key with 400 naming the header', async () => {
    const { status, headers, body } = await post('5', draft(), '7', 'no spaces allowed');
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(PROBLEM);
    expect(body).toMatchObject({ code: 'BAD_REQUEST', header: 'Idempotency-Key' });
  });

  it('answers 404 for a review of a product that does not exist, and publishes nothing', async () => {
    const key = `k-${randomUUID()}`;
    const { status } = await post('100000', draft(), '7', key);
    expect(status).toBe(404);
    expect((await operation(`/operations/${key}`)).status).toBe(404);
  });

  it('marks the operation failed when the review service fails every delivery of the command', async () => {
    await reviews.set({ status: 500, path: '/review.v1.submit' });

    const accepted = await post('6', draft());

    expect(accepted.status).toBe(202);
    expect(await settled(`/operations/${accepted.body.id}`)).toMatchObject({ status: 'failed' });
  });

  it('answers 503 with Retry-After at once while the broker cannot be reached, and records no operation', async () => {
    proxy.cut();
    const key = `k-${randomUUID()}`;
    const body = draft();

    const refused = await post('7', body, '7', key);

    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(PROBLEM);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.body).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', service: 'broker' });
    expect(refused.elapsedMs).toBeLessThan(1_500);
    expect((await operation(`/operations/${key}`)).status).toBe(404);

    proxy.restore();
    await brokerBack();
    // The same request, with the same key, goes through once the broker is back.
    const retried = await post('7', body, '7', key);
    expect(retried.status).toBe(202);
  });

  it('answers 503 when no queue takes the command, and keeps commands for a stopped review service while its queue exists', async () => {
    await stack.services.review.stop();
    // The quorum queue outlives its consumer: the broker keeps the command for when it is back.
    const kept = await post('8', draft());
    expect(kept.status).toBe(202);
    expect((await operation(`/operations/${kept.body.id}`)).body.status).toBe('pending');

    const connection = await amqplib.connect(AMQP_URL);
    try {
      const channel = await connection.createChannel();
      await channel.deleteQueue(amqpTopology(stack.amqpQueuePrefix).reviewCommands);
    } finally {
      await connection.close();
    }
    const key = `k-${randomUUID()}`;
    const refused = await post('8', draft(), '7', key);

    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.body).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'no-consumer' });
    expect((await operation(`/operations/${key}`)).status).toBe(404);
  });
});
