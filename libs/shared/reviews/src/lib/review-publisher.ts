import { Injectable } from '@nestjs/common';
import type { Review, ReviewDraft } from '@bff/downstream-contracts';
import { ProductClient, ReviewClient, UserClient } from '@bff/service-clients';

/**
 * Publishes a shopper's review under their display name, for any BFF. The product
 * and the author are looked up in parallel first, so a review of a product that
 * does not exist is a 404 rather than an orphan. The author is a user id, whoever
 * vouched for it (a bearer token, a session): reviews know nothing of how a caller
 * signed in.
 *
 * @example
 * const review = await publisher.publish('42', { rating: 5, title: 'Sturdy', body: 'Great.' }, user.sub);
 */
@Injectable()
export class ReviewPublisher {
  constructor(
    private readonly products: ProductClient,
    private readonly reviews: ReviewClient,
    private readonly users: UserClient,
  ) {}

  /** `authorId` is the signed-in user's id; their display name is looked up with it. */
  async publish(productId: string, draft: ReviewDraft, authorId: string): Promise<Review> {
    const [, author] = await Promise.all([this.products.getProduct(productId), this.users.getUser(authorId)]);
    return this.reviews.createReview({ productId, ...draft, author: author.name });
  }
}
