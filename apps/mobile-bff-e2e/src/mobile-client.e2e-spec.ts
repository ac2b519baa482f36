import { MobileBffClient, MobileBffProblem, type Operation } from '@bff/mobile-client';
import { AppProcess, DemoFaults, DemoStack, TestAuth } from '@bff/testing';
import { randomUUID } from 'node:crypto';

/**
 * The phone apps' client against the real mobile BFF and demo services: typed screens,
 * a second load answered 304 from the client's own copy, a failed optional part as a
 * typed marker, and a review command followed to its end.
 */
describe('mobile-bff: the phone-app client', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let review: DemoFaults;
  let client: MobileBffClient;
  const auth = new TestAuth();

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('mobile-bff', {
      ...stack.bffEnv(),
      ...auth.env(),
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
      RATE_LIMIT_REVIEW_WRITES: 'review-writes=1000/1m',
    });
    review = new DemoFaults(stack.services.review.url);
    // Minted once, as an app holds its access token: the client keys its 304 cache by token,
    // and a token minted per request changes with its `iat` second on a slow machine.
    const token = await auth.token({ sub: '7', audience: 'mobile-bff', scopes: ['reviews:write'] });
    client = new MobileBffClient({ baseUrl: bff.url, token: () => token });
  });

  afterEach(async () => {
    await review?.reset().catch(() => undefined);
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  it('loads the product screen typed, then reuses it on a 304 with fewer bytes', async () => {
    const first = await client.productDetails('42');
    const second = await client.productDetails('42');

    expect(first).toMatchObject({ status: 200, notModified: false, degraded: [] });
    expect(first.body).toMatchObject({ id: '42', name: expect.any(String), rating: { status: 'ok' } });
    expect(first.etag).toMatch(/^W\/"/);
    expect(second).toMatchObject({ status: 304, notModified: true, etag: first.etag });
    expect(second.body).toEqual(first.body);
    expect(second.bytes.body).toBe(0);
    expect(second.bytes.body + second.bytes.headers).toBeLessThan(first.bytes.body + first.bytes.headers);
  });

  it('loads version 2 of the screen for new releases, revalidated apart from version 1', async () => {
    const v1 = await client.productDetails('44');
    const first = await client.productDetailsV2('44');
    const second = await client.productDetailsV2('44');

    expect(first).toMatchObject({ status: 200, notModified: false });
    expect(first.body.price).toEqual({ amount: expect.stringMatching(/^\d+(\.\d+)?$/), currency: v1.body.price.currency });
    expect(first.body.rating).toMatchObject({ status: 'ok', recent: expect.any(Array) });
    expect(first.etag).not.toBe(v1.etag);
    expect(second).toMatchObject({ status: 304, notModified: true, etag: first.etag });
    expect(second.body).toEqual(first.body);
  });

  it('gives a typed unavailable rating, named as degraded, when the review service fails', async () => {
    await review.set({ status: 500, path: '/reviews' });

    const { status, body, degraded } = await client.productDetails('43');

    expect(status).toBe(200);
    expect(body.rating).toEqual({ status: 'unavailable', reason: expect.any(String) });
    expect(degraded.length).toBeGreaterThan(0);
    expect(body.stock.status).toBe('ok');
  });

  it('submits a review with an Idempotency-Key and follows the operation to done', async () => {
    const key = `app-${randomUUID()}`;

    const accepted = await client.submitReview(
      '12',
      { rating: 5, title: 'Client', body: 'Posted by the phone client.' },
      { idempotencyKey: key },
    );
    let operation: Operation = accepted.body;
    for (const until = Date.now() + 15_000; operation.status === 'pending' && Date.now() < until;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      operation = (await client.operation(operation.id)).body;
    }

    expect(accepted).toMatchObject({
      status: 202,
      location: `/operations/${key}`,
      body: { id: key, status: 'pending' },
    });
    expect(operation).toMatchObject({ status: 'done', reviewId: expect.any(String) });
  });

  it('turns a refused read into a typed problem', async () => {
    const failure = await client.user('1').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(MobileBffProblem);
    expect(failure).toMatchObject({ status: 403, code: expect.any(String) });
  });
});
