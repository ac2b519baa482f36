import type { Prng } from '@bff/demo-kit';
import type { Rating } from '@bff/downstream-contracts';

export const TITLES: Readonly<Record<Rating, readonly string[]>> = {
  5: ['Absolutely love it', 'Exceeded my expectations', 'Best purchase this year', 'Worth every penny', 'Could not be happier', 'Five stars, no hesitation'],
  4: ['Really good, a few small niggles', 'Very happy overall', 'Great value', 'A solid choice', 'Does the job well'],
  3: ['Decent but not amazing', 'Okay for the price', 'Mixed feelings', 'Does what it says, nothing more', 'Fine for occasional use'],
  2: ['Disappointed', 'Not as described', 'Expected a lot more', 'Would not buy again'],
  1: ['Broke within a week', 'Waste of money', 'Avoid', 'Arrived damaged', 'Very poor quality'],
};

export const POSITIVE = [
  'The build quality is excellent and it feels like it will last for years.',
  'It does exactly what it says, and it does it well.',
  'I have already recommended it to two friends.',
  'Setup took less than ten minutes and everything just worked.',
  'Much better than the one it replaced.',
  'It looks even nicer in person than in the photos.',
  'Great value for money compared with the big-name alternatives.',
  'Customer service answered my question within a day.',
  'Honestly one of the better things I have bought online.',
] as const;

export const MIXED = [
  'The instructions could be clearer, but I figured it out.',
  'It is a little heavier than I expected.',
  'The colour is slightly different from the pictures.',
  'It works well, although the packaging was excessive.',
  'Not perfect, but fair for the price.',
  'I would have liked more colour options.',
  'It took a couple of days to get used to.',
] as const;

export const NEGATIVE = [
  'It stopped working properly after a few weeks.',
  'The materials feel cheap and flimsy.',
  'It arrived with a scratch along one side.',
  'Returning it was more hassle than it should have been.',
  'It does not match the description on the product page.',
  'I contacted support twice and still have no answer.',
  'For this price I expected far better finishing.',
] as const;

/** Sentences with a detail in them, so bodies do not all read alike. */
export const DETAILS: readonly ((random: Prng) => string)[] = [
  (random) => `I have been using it almost every day for ${random.int(2, 16)} weeks now.`,
  (random) => `Delivery took ${random.int(1, 6)} days and it arrived well packed.`,
  (random) => `I bought this as a gift for my ${random.pick(['sister', 'dad', 'partner', 'flatmate', 'grandmother', 'son'])}.`,
  (random) => `We are a household of ${random.int(2, 6)} and it gets plenty of use.`,
  (random) => `This is the ${random.pick(['second', 'third', 'fourth'])} thing I have bought from this brand.`,
  (random) => `I compared it with ${random.int(2, 5)} similar products before choosing this one.`,
];

export const AUTHOR_FIRST_NAMES = [
  'Maya', 'Liam', 'Aisha', 'Noah', 'Sofia', 'Ethan', 'Chloe', 'Mateo', 'Priya', 'Lucas',
  'Hana', 'Oliver', 'Zara', 'Daniel', 'Ines', 'Kofi', 'Elena', 'Samuel', 'Yuki', 'Jonas',
  'Amelia', 'Omar', 'Freya', 'Diego', 'Leila', 'Tom', 'Nadia', 'Felix', 'Grace', 'Ravi',
] as const;

export const INITIALS = Array.from('ABCDEFGHIJKLMNOPRSTVWY');
