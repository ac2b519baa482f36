import type { Product, Review, User } from '@bff/downstream-contracts';
import type { ProductClient, ReviewClient, UserClient } from '@bff/service-clients';
import { ReviewPublisher } from './review-publisher';

/** The signed-in shopper's user id. */
const shopper = '7';
const draft = { rating: 5 as const, title: 'Sturdy', body: 'Survived a week of camping.' };

/** A promise with its settle functions, to hold a lookup open. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function publisherWith(lookups: { product: Promise<unknown>; user: Promise<unknown> }) {
  const products = { getProduct: jest.fn(() => lookups.product) };
  const users = { getUser: jest.fn(() => lookups.user) };
  const reviews = {
    createReview: jest.fn(async (input: Record<string, unknown>) => ({ id: 'r1', ...input }) as unknown as Review),
  };
  const publisher = new ReviewPublisher(
    products as unknown as ProductClient,
    reviews as unknown as ReviewClient,
    users as unknown as UserClient,
  );
  return { publisher, products, users, reviews };
}

describe('ReviewPublisher', () => {
  it("publishes the draft under the signed-in user's display name, looked up by their id", async () => {
    const { publisher, users, reviews } = publisherWith({
      product: Promise.resolve({ id: '42' } as Product),
      user: Promise.resolve({ id: '7', name: 'Ada Lovelace' } as User),
    });

    await publisher.publish('42', draft, shopper);

    expect(users.getUser).toHaveBeenCalledWith('7');
    expect(reviews.createReview).toHaveBeenCalledWith({ productId: '42', ...draft, author: 'Ada Lovelace' });
  });

  it('asks for the product and the author at the same time', async () => {
    const product = deferred<unknown>();
    const user = deferred<unknown>();
    const { publisher, products, users } = publisherWith({ product: product.promise, user: user.promise });

    const published = publisher.publish('42', draft, shopper);

    // Neither lookup has answered, yet both were sent.
    expect(products.getProduct).toHaveBeenCalledWith('42');
    expect(users.getUser).toHaveBeenCalledWith('7');
    product.resolve({ id: '42' });
    user.resolve({ id: '7', name: 'Ada Lovelace' });
    await published;
  });

  it('creates no review when the product does not exist, and passes the lookup error on', async () => {
    const notFound = new Error('No product with id 404.');
    const { publisher, reviews } = publisherWith({
      product: Promise.reject(notFound),
      user: Promise.resolve({ id: '7', name: 'Ada Lovelace' } as User),
    });

    await expect(publisher.publish('404', draft, shopper)).rejects.toBe(notFound);
    expect(reviews.createReview).not.toHaveBeenCalled();
  });
});
