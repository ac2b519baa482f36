import type { Rating, Review, ReviewPage } from '@bff/downstream-contracts';
import { Injectable } from '@nestjs/common';
import type { CallOptions } from '../call/call-options';
import { DownstreamCaller } from '../call/downstream-caller';
import { path } from '../call/downstream-path';

/**
 * Query of `ReviewClient.listReviews`.
 *
 * @example
 * const query: ListReviewsQuery = { productId: '42', limit: 10 };
 */
export interface ListReviewsQuery {
  productId: string;
  limit?: number;
  /** Opaque `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * A review to publish; the review service assigns its id and date.
 *
 * @example
 * const input: CreateReviewInput = { productId: '42', rating: 5, title: 'Great', body: 'Fits well.', author: 'Ada' };
 */
export interface CreateReviewInput {
  productId: string;
  rating: Rating;
  title: string;
  body: string;
  author: string;
}

/**
 * Typed client of the review service.
 *
 * @example
 * const { items, summary } = await reviews.listReviews({ productId: '42', limit: 10 });
 * const created = await reviews.createReview({ productId: '42', rating: 5, title: 'Great', body: 'Fits.', author: 'Ada' });
 */
@Injectable()
export class ReviewClient {
  constructor(private readonly downstream: DownstreamCaller) {}

  /** `GET /reviews?productId=&limit=&cursor=`: a page of reviews and the product's rating summary. */
  async listReviews(query: ListReviewsQuery, options?: CallOptions): Promise<ReviewPage> {
    return this.downstream.call<ReviewPage>(
      {
        method: 'GET',
        path: path`/reviews`,
        query: { productId: query.productId, limit: query.limit, cursor: query.cursor },
        // The cursor is the client's, passed on opaque: one the service did not issue is the client's mistake.
        rejected: query.cursor === undefined ? undefined : 'cursor is not a cursor the review service issued.',
      },
      options,
    );
  }

  /** `POST /reviews`; a review the service rejects (4xx) fails as `UPSTREAM_BAD_RESPONSE`. */
  async createReview(input: CreateReviewInput, options?: CallOptions): Promise<Review> {
    const { productId, rating, title, body, author } = input;
    return this.downstream.call<Review>(
      { method: 'POST', path: path`/reviews`, body: { productId, rating, title, body, author } },
      options,
    );
  }
}
