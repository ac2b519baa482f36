import type { MobileProductDetailsV2 } from '@bff/mobile-contracts';
import { toMobileProductDetailsV1 } from './product-details.v1.mapper';

const v2: MobileProductDetailsV2 = {
  id: '7',
  name: 'Trail Kettle',
  price: { amount: '24.99', currency: 'USD' },
  thumbnailUrl: 'https://cdn.example.com/products/7/thumbnail.jpg',
  rating: {
    status: 'ok',
    average: 4.5,
    count: 12,
    recent: [
      {
        id: '31',
        rating: 5,
        title: 'Warm',
        body: 'Boils fast.',
        author: 'Ann',
        createdAt: '2024-02-02T00:00:00.000Z',
      },
      {
        id: '30',
        rating: 4,
        title: 'Fine',
        body: 'A bit loud.',
        author: 'Bo',
        createdAt: '2024-02-01T00:00:00.000Z',
      },
    ],
  },
  stock: { status: 'ok', inStock: true, quantity: 3 },
  delivery: { status: 'ok', name: 'Express', estimatedDays: 1, cost: { amount: '14.95', currency: 'EUR' } },
};

describe('toMobileProductDetailsV1', () => {
  it('gives phones on version 1 exactly the shape they were built for', () => {
    expect(toMobileProductDetailsV1(v2)).toStrictEqual({
      id: '7',
      name: 'Trail Kettle',
      price: { amountMinor: 2_499, currency: 'USD' },
      thumbnailUrl: 'https://cdn.example.com/products/7/thumbnail.jpg',
      rating: {
        status: 'ok',
        average: 4.5,
        count: 12,
        top: [
          { rating: 5, title: 'Warm', body: 'Boils fast.', author: 'Ann' },
          { rating: 4, title: 'Fine', body: 'A bit loud.', author: 'Bo' },
        ],
      },
      stock: { status: 'ok', inStock: true, quantity: 3 },
      delivery: {
        status: 'ok',
        name: 'Express',
        estimatedDays: 1,
        cost: { amountMinor: 1_495, currency: 'EUR' },
      },
    });
  });

  it('passes unavailable markers through unchanged', () => {
    const details = toMobileProductDetailsV1({
      ...v2,
      rating: { status: 'unavailable', reason: 'timeout' },
      stock: { status: 'unavailable', reason: 'unavailable' },
      delivery: { status: 'unavailable', reason: 'error' },
    });

    expect(details.rating).toStrictEqual({ status: 'unavailable', reason: 'timeout' });
    expect(details.stock).toStrictEqual({ status: 'unavailable', reason: 'unavailable' });
    expect(details.delivery).toStrictEqual({ status: 'unavailable', reason: 'error' });
  });
});
