import type { DeliveryEstimate, DeliveryOption, Product, ReviewPage } from '@bff/downstream-contracts';
import { fastest, toMobileProductDetailsV2, truncate } from './product-details.mapper';

const product: Product = {
  id: '7',
  name: 'Trail Kettle',
  description: 'A long description the product screen never shows.',
  brand: 'Northwind',
  category: 'outdoors',
  price: { amountMinor: 2_499, currency: 'USD' },
  images: [
    { size: 'large', url: 'https://cdn.example.com/products/7/large.jpg', width: 1200, height: 1200 },
    { size: 'thumbnail', url: 'https://cdn.example.com/products/7/thumbnail.jpg', width: 150, height: 150 },
  ],
  attributes: { colour: 'green' },
  createdAt: '2024-01-01T00:00:00.000Z',
};

const review = (n: number) => ({
  id: String(n),
  productId: '7',
  rating: 5 as const,
  title: `Review ${n}`,
  body: 'word '.repeat(60).trim(),
  author: `Author ${n}`,
  createdAt: '2024-02-01T00:00:00.000Z',
});

const reviews: ReviewPage = {
  productId: '7',
  items: [review(1), review(2), review(3), review(4)],
  nextCursor: 'abc',
  summary: { count: 4, average: 5, histogram: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 4 } },
};

const option = (id: string, estimatedDays: number, amountMinor: number): DeliveryOption => ({
  id,
  name: id.toUpperCase(),
  estimatedDays,
  cost: { amountMinor, currency: 'EUR' },
});

const delivery: DeliveryEstimate = {
  productId: '7',
  options: [option('standard', 4, 495), option('express', 1, 1_495), option('courier', 1, 2_495)],
};

describe('toMobileProductDetailsV2', () => {
  it('keeps only what the product screen draws, money as decimal strings', () => {
    const details = toMobileProductDetailsV2({
      product,
      rating: reviews,
      stock: { productId: '7', warehouses: [], totalQuantity: 3, updatedAt: '' },
      delivery,
    });
    expect(details).toEqual({
      id: '7',
      name: 'Trail Kettle',
      price: { amount: '24.99', currency: 'USD' },
      thumbnailUrl: 'https://cdn.example.com/products/7/thumbnail.jpg',
      rating: { status: 'ok', average: 5, count: 4, recent: expect.any(Array) },
      stock: { status: 'ok', inStock: true, quantity: 3 },
      delivery: { status: 'ok', name: 'EXPRESS', estimatedDays: 1, cost: { amount: '14.95', currency: 'EUR' } },
    });
    if (details.rating.status !== 'ok') throw new Error('rating expected');
    expect(details.rating.recent).toHaveLength(3);
    expect(details.rating.recent[0]).toEqual({
      id: '1',
      rating: 5,
      title: 'Review 1',
      body: expect.stringMatching(/…$/),
      author: 'Author 1',
      createdAt: '2024-02-01T00:00:00.000Z',
    });
  });

  it('passes unavailable markers through unchanged', () => {
    const details = toMobileProductDetailsV2({
      product,
      rating: { status: 'unavailable', reason: 'timeout' },
      stock: { status: 'unavailable', reason: 'unavailable' },
      delivery: { status: 'unavailable', reason: 'timeout' },
    });
    expect(details.rating).toEqual({ status: 'unavailable', reason: 'timeout' });
    expect(details.stock).toEqual({ status: 'unavailable', reason: 'unavailable' });
    expect(details.delivery).toEqual({ status: 'unavailable', reason: 'timeout' });
  });

  it('reports out of stock when no warehouse holds any', () => {
    const details = toMobileProductDetailsV2({
      product,
      rating: reviews,
      stock: { productId: '7', warehouses: [], totalQuantity: 0, updatedAt: '' },
      delivery,
    });
    expect(details.stock).toEqual({ status: 'ok', inStock: false, quantity: 0 });
  });
});

describe('fastest', () => {
  it('picks the soonest arrival, and of equally soon ones the cheaper, which comes first', () => {
    expect(fastest(delivery.options)).toEqual({ name: 'EXPRESS', estimatedDays: 1, cost: { amount: '14.95', currency: 'EUR' } });
  });

  it('takes the only option there is', () => {
    expect(fastest([option('standard', 4, 495)]).name).toBe('STANDARD');
  });
});

describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('Great kettle.', 140)).toBe('Great kettle.');
  });

  it('cuts at a word boundary within the limit and adds an ellipsis', () => {
    const cut = truncate('alpha beta gamma delta epsilon', 20);
    expect(cut).toBe('alpha beta gamma…');
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  it('cuts a single huge word hard rather than returning almost nothing', () => {
    expect(truncate('x'.repeat(50), 10)).toBe('x'.repeat(9) + '…');
  });
});
