import type { Operation } from '@bff/contracts';
import { AppProcess, DemoStack, TestAuth, request } from '@bff/testing';
import { randomUUID } from 'node:crypto';

const PROBLEM = /^application\/problem\+json/;

/**
 * Reviews as commands through the mobile BFF, on the real review service and broker:
 * 202 with the operation, polled until done; an app retrying with its
 * `Idempotency-Key` makes one review; nobody but the author reads the operation.
 */
describe('mobile-bff: reviews as commands over RabbitMQ', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  const auth = new TestAuth();
  const asUser = (sub: string) => auth.bearer({ sub, audience: 'mobile-bff', scopes: ['reviews:write'] });

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('mobile-bff', {
      ...stack.bffEnv(),
      ...auth.env(),
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
      RATE_LIMIT_REVIEW_WRITES: 'review-writes=1000/1m',
    });
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  async function post(productId: string, body: object, sub = '9', idempotencyKey?: string) {
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

  async function settled(location: string, sub = '9'): Promise<Operation> {
    const until = Date.now() + 15_000;
    for (;;) {
      const { status, headers, body } = await request<Operation>(`${bff.url}${location}`, {
        headers: await asUser(sub),
      });
      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      if (body.status !== 'pending' || Date.now() > until) return body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('answers 202 with Location, and the operation reads done with the review once the service stored it', async () => {
    const accepted = await post('12', { rating: 5, title: 'Warm', body: 'Kept me warm all winter.' });

    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('location')).toBe(`/operations/${accepted.body.id}`);
    const done = await settled(`/operations/${accepted.body.id}`);
    if (done.status !== 'done') throw new Error(`operation ${done.status}`);
    const stored = await request<{ items: { id: string; title: string }[] }>(
      `${stack.services.review.url}/reviews?productId=12&limit=50`,
    );
    expect(stored.body.items.find((review) => review.id === done.reviewId)).toMatchObject({ title: 'Warm' });
  });

  it('makes one review of a retry with the same Idempotency-Key', async () => {
    const key = `app-${randomUUID()}`;
    const body = { rating: 4, title: `Retried ${key.slice(4, 12)}`, body: 'Sent twice on a flaky network.' };

    const [first, retry] = [await post('13', body, '9', key), await post('13', body, '9', key)];

    expect([first.status, retry.status]).toEqual([202, 202]);
    expect(retry.headers.get('location')).toBe(`/operations/${key}`);
    expect((await settled(`/operations/${key}`)).status).toBe('done');
    const stored = await request<{ items: { title: string }[] }>(
      `${stack.services.review.url}/reviews?productId=13&limit=50`,
    );
    expect(stored.body.items.filter((review) => review.title === body.title)).toHaveLength(1);
  });

  it("answers another user's read of the operation with a 404 problem", async () => {
    const accepted = await post('14', { rating: 3, title: 'Okay', body: 'Fine for the price.' });

    const { status, headers, body } = await request(`${bff.url}/operations/${accepted.body.id}`, {
      headers: await asUser('10'),
    });

    expect(status).toBe(404);
    expect(headers.get('content-type')).toMatch(PROBLEM);
    expect(body).toMatchObject({ code: 'NOT_FOUND', detail: 'No such operation.' });
  });
});
