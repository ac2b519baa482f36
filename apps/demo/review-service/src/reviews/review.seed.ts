import type { Rating, Review } from '@bff/downstream-contracts';
import { Prng } from '@bff/demo-kit';
import { AUTHOR_FIRST_NAMES, DETAILS, INITIALS, MIXED, NEGATIVE, POSITIVE, TITLES } from './review-vocabulary';

export const MAX_SEEDED_REVIEWS = 50;
export const BODY_LENGTH = { min: 80, max: 600 } as const;

/** Like most shops: mostly happy customers, a long tail of unhappy ones. */
const RATING_WEIGHTS: readonly (readonly [Rating, number])[] = [
  [5, 46],
  [4, 28],
  [3, 12],
  [2, 6],
  [1, 8],
];

const OLDEST = Date.UTC(2022, 5, 1);
const NEWEST = Date.UTC(2025, 5, 30);

type Tone = 'positive' | 'mixed' | 'negative' | 'detail';

const TONES_BY_RATING: Readonly<Record<Rating, readonly (readonly [Tone, number])[]>> = {
  5: [['positive', 6], ['detail', 3], ['mixed', 1]],
  4: [['positive', 4], ['detail', 3], ['mixed', 2]],
  3: [['mixed', 4], ['detail', 3], ['positive', 1], ['negative', 1]],
  2: [['negative', 4], ['mixed', 2], ['detail', 2]],
  1: [['negative', 6], ['detail', 2], ['mixed', 1]],
};

/**
 * A product's seeded reviews (0 to 50), newest first. Each product draws from its
 * own stream, so its reviews never depend on how many other products there are.
 */
export function generateReviews(productId: string): Review[] {
  const random = new Prng(`reviews:${productId}`);
  // A long tail, as in real shops: most products have a handful of reviews, a few have dozens.
  const count = random.chance(0.06) ? 0 : 1 + Math.floor(MAX_SEEDED_REVIEWS * random.next() ** 2);
  const dates = Array.from({ length: count }, () => random.isoDate(OLDEST, NEWEST)).sort();
  const reviews = dates.map((createdAt, index): Review => {
    const rating = random.weighted(RATING_WEIGHTS);
    return {
      id: `${productId}-${index + 1}`,
      productId,
      rating,
      title: random.pick(TITLES[rating]),
      body: composeBody(rating, random),
      author: `${random.pick(AUTHOR_FIRST_NAMES)} ${random.pick(INITIALS)}.`,
      createdAt,
    };
  });
  return reviews.reverse();
}

/** Sentences in the rating's tone until a drawn length between 80 and 600 characters is reached. */
function composeBody(rating: Rating, random: Prng): string {
  const target = random.int(BODY_LENGTH.min, BODY_LENGTH.max);
  const usedSources: string[] = [];
  const sentences: string[] = [];
  let length = -1;
  for (let attempt = 0; length < target && attempt < 60; attempt++) {
    const { source, text } = sentenceIn(random.weighted(TONES_BY_RATING[rating]), random);
    // Compared by source, so one detail template never appears twice with different numbers.
    if (usedSources.includes(source)) continue;
    if (length + 1 + text.length > BODY_LENGTH.max) break;
    usedSources.push(source);
    sentences.push(text);
    length += 1 + text.length;
  }
  return sentences.join(' ');
}

function sentenceIn(tone: Tone, random: Prng): { source: string; text: string } {
  const pool = tone === 'positive' ? POSITIVE : tone === 'mixed' ? MIXED : tone === 'negative' ? NEGATIVE : DETAILS;
  const index = random.int(0, pool.length - 1);
  const entry = pool[index] as string | ((random: Prng) => string);
  return { source: `${tone}:${index}`, text: typeof entry === 'string' ? entry : entry(random) };
}
