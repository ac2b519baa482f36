import type { Product, User } from '@bff/downstream-contracts';
import { BffError } from '@bff/problem';
import type { ProductClient, UserClient } from '@bff/service-clients';
import { commandUnavailable } from './command-unavailable.error';
import { MemoryOperationStore } from './memory-operation.store';
import type { ReviewCommandPublisher } from './review-command.publisher';
import { ReviewSubmissions } from './review-submissions.service';

const shopper = '7';
const draft = { rating: 5 as const, title: 'Sturdy', body: 'Survived a week of camping.' };

/** A promise with its settle functions, to hold a lookup open. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

function submissionsWith({
  product = Promise.resolve({ id: '42' } as Product) as Promise<unknown>,
  user = Promise.resolve({ id: '7', name: 'Ada Lovelace' } as User) as Promise<unknown>,
  publish = jest.fn(async () => undefined) as jest.Mock<Promise<void>, unknown[]>,
} = {}) {
  const products = { getProduct: jest.fn(() => product) };
  const users = { getUser: jest.fn(() => user) };
  const store = new MemoryOperationStore(60);
  const submissions = new ReviewSubmissions(
    products as unknown as ProductClient,
    users as unknown as UserClient,
    { publish } as unknown as ReviewCommandPublisher,
    store,
  );
  return { submissions, products, users, publish, store };
}

describe('ReviewSubmissions', () => {
  it("publishes the command under the author's display name and answers the pending operation", async () => {
    const { submissions, publish, store } = submissionsWith();

    const operation = await submissions.submit('42', draft, shopper, 'k-00000001');

    expect(operation).toEqual({
      id: 'k-00000001',
      kind: 'review.submit',
      productId: '42',
      status: 'pending',
    });
    expect(publish).toHaveBeenCalledWith({
      operationId: 'k-00000001',
      productId: '42',
      authorId: '7',
      authorName: 'Ada Lovelace',
      draft,
    });
    expect(await store.get('k-00000001')).toMatchObject({ authorId: '7', status: 'pending' });
  });

  it('asks for the product and the author at the same time', async () => {
    const product = deferred<unknown>();
    const user = deferred<unknown>();
    const { submissions, products, users } = submissionsWith({
      product: product.promise,
      user: user.promise,
    });

    const submitted = submissions.submit('42', draft, shopper, 'k-00000002');

    expect(products.getProduct).toHaveBeenCalledWith('42');
    expect(users.getUser).toHaveBeenCalledWith('7');
    product.resolve({ id: '42' });
    user.resolve({ id: '7', name: 'Ada Lovelace' });
    await submitted;
  });

  it('publishes nothing and records nothing when the product does not exist', async () => {
    const notFound = new BffError('NOT_FOUND', 'No product with id 404.');
    const { submissions, publish, store } = submissionsWith({ product: Promise.reject(notFound) });

    await expect(submissions.submit('404', draft, shopper, 'k-00000003')).rejects.toBe(notFound);
    expect(publish).not.toHaveBeenCalled();
    expect(await store.get('k-00000003')).toBeUndefined();
  });

  it('withdraws the operation when the broker does not take the command', async () => {
    const refused = commandUnavailable('no-consumer');
    const { submissions, store } = submissionsWith({ publish: jest.fn(async () => Promise.reject(refused)) });

    await expect(submissions.submit('42', draft, shopper, 'k-00000004')).rejects.toBe(refused);
    expect(await store.get('k-00000004')).toBeUndefined();
  });

  it('answers a replay (same key, author and review) with the same operation, publishing again while it is pending', async () => {
    const { submissions, publish, store } = submissionsWith();
    await submissions.submit('42', draft, shopper, 'k-00000005');

    expect(await submissions.submit('42', { ...draft }, shopper, 'k-00000005')).toMatchObject({
      id: 'k-00000005',
      status: 'pending',
    });
    expect(publish).toHaveBeenCalledTimes(2);

    await store.settle('k-00000005', { status: 'done', reviewId: 'r-1' });
    expect(await submissions.submit('42', draft, shopper, 'k-00000005')).toMatchObject({
      status: 'done',
      reviewId: 'r-1',
    });
    expect(publish).toHaveBeenCalledTimes(2);
  });

  it('keeps the operation a replay found when its own publish fails', async () => {
    const publish = jest.fn<Promise<void>, unknown[]>(async () => undefined);
    const { submissions, store } = submissionsWith({ publish });
    await submissions.submit('42', draft, shopper, 'k-00000006');
    publish.mockRejectedValueOnce(commandUnavailable('broker-unavailable'));

    await expect(submissions.submit('42', draft, shopper, 'k-00000006')).rejects.toBeInstanceOf(BffError);
    expect(await store.get('k-00000006')).toMatchObject({ status: 'pending' });
  });

  it.each([
    ['another author', '42', draft, '8'],
    ['another review', '42', { ...draft, rating: 4 as const }, shopper],
    ['another product', '43', draft, shopper],
  ])(
    'refuses the key reused by %s with 422 IDEMPOTENCY_KEY_REUSED, publishing nothing',
    async (_case, productId, otherDraft, author) => {
      const { submissions, publish } = submissionsWith();
      await submissions.submit('42', draft, shopper, 'k-00000007');

      await expect(submissions.submit(productId, otherDraft, author, 'k-00000007')).rejects.toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
        status: 422,
      });
      expect(publish).toHaveBeenCalledTimes(1);
    },
  );
});
