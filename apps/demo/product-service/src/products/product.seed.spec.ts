import { generateProducts } from './product.seed';
import { CATEGORIES } from './product-vocabulary';

/** CPU time rather than wall time, so a busy machine does not fail the budget. */
function cpuMillis<T>(work: () => T): [T, number] {
  const before = process.cpuUsage();
  const result = work();
  const { user, system } = process.cpuUsage(before);
  return [result, (user + system) / 1_000];
}

describe('generateProducts', () => {
  const [products, seedingMillis] = cpuMillis(() => generateProducts());

  it('seeds products "1" to "500" in order', () => {
    expect(products).toHaveLength(500);
    expect(products.map((product) => product.id)).toEqual(Array.from({ length: 500 }, (_, i) => String(i + 1)));
  });

  it('gives the same catalogue on every start, within the start-up budget', () => {
    // Process CPU time, not wall time, yet a loaded 2-vCPU machine still slows it several
    // fold: the bound only catches a seed that has grown quadratic, not a busy CI run.
    expect(seedingMillis).toBeLessThan(1_000);
    expect(generateProducts()).toEqual(products);
    expect(generateProducts('another seed')).not.toEqual(products);
  });

  it('fills every field realistically', () => {
    for (const product of products) {
      expect(product.name).toContain(product.brand);
      expect(product.description.length).toBeGreaterThan(60);
      expect(Object.keys(CATEGORIES)).toContain(product.category);
      expect(Number.isInteger(product.price.amountMinor)).toBe(true);
      expect(product.price.amountMinor).toBeGreaterThan(0);
      expect(product.price.currency).toBe('USD');
      expect(Object.keys(product.attributes)).toEqual(expect.arrayContaining(['colour', 'material', 'weight']));
      expect(new Date(product.createdAt).toISOString()).toBe(product.createdAt);
    }
  });

  it('spreads products over every category', () => {
    const counts = new Map<string, number>();
    for (const { category } of products) counts.set(category, (counts.get(category) ?? 0) + 1);
    expect(counts.size).toBe(8);
    for (const count of counts.values()) expect(count).toBeGreaterThan(30);
  });

  it('has four square images per product on the CDN', () => {
    expect(products[41]?.images).toEqual([
      { size: 'thumbnail', url: 'https://cdn.example.com/products/42/thumbnail.jpg', width: 150, height: 150 },
      { size: 'small', url: 'https://cdn.example.com/products/42/small.jpg', width: 300, height: 300 },
      { size: 'medium', url: 'https://cdn.example.com/products/42/medium.jpg', width: 600, height: 600 },
      { size: 'large', url: 'https://cdn.example.com/products/42/large.jpg', width: 1200, height: 1200 },
    ]);
  });
});
