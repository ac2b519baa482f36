import { demoProductIds } from '@bff/demo-kit';
import type { Review } from '@bff/downstream-contracts';
import { BODY_LENGTH, generateReviews } from './review.seed';

/** CPU time rather than wall time, so a busy machine does not fail the budget. */
function cpuMillis<T>(work: () => T): [T, number] {
  const before = process.cpuUsage();
  const result = work();
  const { user, system } = process.cpuUsage(before);
  return [result, (user + system) / 1_000];
}

describe('generateReviews', () => {
  const [all, seedingMillis] = cpuMillis(() => demoProductIds().map((id) => generateReviews(id)));
  const reviews = all.flat();

  it('seeds every product within the start-up budget, identically on every start', () => {
    // Process CPU time, not wall time, yet a loaded 2-vCPU machine still slows it several
    // fold: the bound only catches a seed that has grown quadratic, not a busy CI run.
    expect(seedingMillis).toBeLessThan(1_000);
    expect(generateReviews('7')).toEqual(all[6]);
    expect(generateReviews('8')).not.toEqual(all[6]);
  });

  it('gives each product 0 to 50 reviews: some none, most a few, some dozens', () => {
    const counts = all.map((list) => list.length);
    expect(Math.min(...counts)).toBe(0);
    expect(Math.max(...counts)).toBeLessThanOrEqual(50);
    expect(counts.filter((count) => count >= 25).length).toBeGreaterThan(100);
    expect(counts.filter((count) => count < 10).length).toBeGreaterThan(150);
  });

  it('lists reviews newest first with unique ids', () => {
    for (const list of all) {
      const dates = list.map((review) => review.createdAt);
      expect(dates).toEqual([...dates].sort().reverse());
      expect(new Set(list.map((review) => review.id)).size).toBe(list.length);
    }
  });

  it('writes realistic text within bounds', () => {
    const outOfBounds = (review: Review) =>
      review.body.length < BODY_LENGTH.min ||
      review.body.length > BODY_LENGTH.max ||
      review.title.length === 0 ||
      !/^[A-Z][a-z]+ [A-Z]\.$/.test(review.author) ||
      ![1, 2, 3, 4, 5].includes(review.rating) ||
      new Date(review.createdAt).toISOString() !== review.createdAt;
    expect(reviews.filter(outOfBounds)).toEqual([]);
    const lengths = reviews.map((review) => review.body.length);
    expect(Math.min(...lengths)).toBeLessThan(150);
    expect(Math.max(...lengths)).toBeGreaterThan(500);
  });

  it('skews ratings towards positive, with a tail of bad ones', () => {
    const share = (rating: number) => reviews.filter((review) => review.rating === rating).length / reviews.length;
    expect(share(5) + share(4)).toBeGreaterThan(0.6);
    expect(share(1)).toBeGreaterThan(0.02);
    expect(share(5)).toBeGreaterThan(share(3));
  });
});
