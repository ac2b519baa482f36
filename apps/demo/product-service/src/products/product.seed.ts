import type { ImageSize, Product, ProductImage } from '@bff/downstream-contracts';
import { DEMO_PRODUCT_COUNT, Prng } from '@bff/demo-kit';
import { BRANDS, CATEGORIES, COLOURS, MODEL_WORDS } from './product-vocabulary';

export const IMAGE_SIZES: Readonly<Record<ImageSize, number>> = { thumbnail: 150, small: 300, medium: 600, large: 1_200 };

const CATEGORY_NAMES = Object.keys(CATEGORIES);
const CENTS = [99, 99, 99, 95, 49, 0] as const;
const FIRST_LISTED = Date.UTC(2021, 0, 1);
const LAST_LISTED = Date.UTC(2025, 5, 30);

/**
 * The demo catalogue: products "1" to "500", identical on every start so tests and
 * docs can name them.
 */
export function generateProducts(seed = 'products'): Product[] {
  const random = new Prng(seed);
  return Array.from({ length: DEMO_PRODUCT_COUNT }, (_, index) => generateProduct(String(index + 1), random));
}

function generateProduct(id: string, random: Prng): Product {
  const category = random.pick(CATEGORY_NAMES);
  const words = CATEGORIES[category];
  if (!words) throw new Error(`No vocabulary for ${category}.`);
  const brand = random.pick(BRANDS);
  const noun = random.pick(words.nouns);
  const name = random.chance(0.7) ? `${brand} ${random.pick(MODEL_WORDS)} ${noun}` : `${brand} ${noun}`;
  const colour = random.pick(COLOURS);
  const material = random.pick(words.materials);
  const [feature, other] = random.sample(words.features, 2);
  const [extraName, extraValues] = words.extra;
  return {
    id,
    name,
    description: `The ${name} in ${colour}, made from ${material} and designed for ${random.pick(words.uses)}. ${feature} ${other}`,
    brand,
    category,
    price: { amountMinor: skewedLow(random, ...words.priceRange) * 100 + random.pick(CENTS), currency: 'USD' },
    images: imagesOf(id),
    attributes: {
      colour,
      material,
      weight: formatWeight(skewedLow(random, ...words.weightRange)),
      [extraName]: random.pick(extraValues),
    },
    createdAt: random.isoDate(FIRST_LISTED, LAST_LISTED),
  };
}

function imagesOf(id: string): ProductImage[] {
  return (Object.entries(IMAGE_SIZES) as [ImageSize, number][]).map(([size, pixels]) => ({
    size,
    url: `https://cdn.example.com/products/${id}/${size}.jpg`,
    width: pixels,
    height: pixels,
  }));
}

/** Real catalogues have many cheap, light items and a few dear, heavy ones. */
function skewedLow(random: Prng, min: number, max: number): number {
  return Math.round(min + (max - min) * random.next() ** 2);
}

function formatWeight(grams: number): string {
  return grams < 1_000 ? `${grams} g` : `${(grams / 1_000).toFixed(1)} kg`;
}
