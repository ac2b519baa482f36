import type { RatingSummary, Review } from '@bff/downstream-contracts';

/** Count, two-decimal mean and histogram over every given review. */
export function summarizeRatings(reviews: readonly Review[]): RatingSummary {
  const histogram: RatingSummary['histogram'] = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let total = 0;
  for (const { rating } of reviews) {
    histogram[`${rating}`] += 1;
    total += rating;
  }
  const average = reviews.length === 0 ? 0 : Math.round((total / reviews.length) * 100) / 100;
  return { count: reviews.length, average, histogram };
}
