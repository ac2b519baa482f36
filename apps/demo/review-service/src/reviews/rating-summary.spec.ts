import type { Rating, Review } from '@bff/downstream-contracts';
import { summarizeRatings } from './rating-summary';

const withRatings = (...ratings: Rating[]): Review[] =>
  ratings.map((rating, i) => ({ id: String(i), productId: '1', rating, title: 't', body: 'b', author: 'a', createdAt: '' }));

describe('summarizeRatings', () => {
  it('is all zeros without reviews', () => {
    expect(summarizeRatings([])).toEqual({ count: 0, average: 0, histogram: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } });
  });

  it('counts, averages to two decimals and builds the histogram', () => {
    expect(summarizeRatings(withRatings(5, 5, 4))).toEqual({
      count: 3,
      average: 4.67,
      histogram: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 2 },
    });
  });
});
