import { Injectable } from '@nestjs/common';
import type { Review, ReviewPage } from '@bff/downstream-contracts';
import { type PageRequest, demoProductIds, paginate } from '@bff/demo-kit';
import { BffError } from '@bff/problem';
import type { CreateReviewInput } from './create-review.schema';
import { summarizeRatings } from './rating-summary';
import { generateReviews } from './review.seed';

/** Every product's reviews, newest first, in memory: seeded at start-up, then appended to by `create`. */
@Injectable()
export class ReviewsService {
  private readonly byProduct = new Map<string, Review[]>(demoProductIds().map((id) => [id, generateReviews(id)]));

  list(productId: string, page: PageRequest): ReviewPage {
    const reviews = this.reviewsOf(productId);
    return { productId, ...paginate(reviews, page), summary: summarizeRatings(reviews) };
  }

  create(input: CreateReviewInput): Review {
    const reviews = this.reviewsOf(input.productId);
    const review: Review = {
      // Seeded ids run 1..n per product, so the next number is always free.
      id: `${input.productId}-${reviews.length + 1}`,
      productId: input.productId,
      rating: input.rating,
      title: input.title,
      body: input.body,
      author: input.author,
      createdAt: new Date().toISOString(),
    };
    reviews.unshift(review);
    return review;
  }

  private reviewsOf(productId: string): Review[] {
    const reviews = this.byProduct.get(productId);
    if (!reviews) throw new BffError('NOT_FOUND', `No product with id "${productId}".`);
    return reviews;
  }
}
