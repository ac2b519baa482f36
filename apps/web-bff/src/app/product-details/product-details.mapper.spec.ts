import type { Inventory, Product, ReviewPage } from '@bff/downstream-contracts';
import { toWebProductDetails } from './product-details.mapper';

const product = { id: '1', name: 'Desk Lamp' } as Product;
const reviews: ReviewPage = {
  productId: '1',
  items: [],
  nextCursor: 'next',
  summary: { count: 0, average: 0, histogram: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
};
const inventory: Inventory = {
  productId: '1',
  warehouses: [{ warehouseId: 'ams', name: 'Amsterdam', quantity: 4 }],
  totalQuantity: 4,
  updatedAt: '2024-01-01T00:00:00.000Z',
};

describe('toWebProductDetails', () => {
  it('keeps the full product, the review page with its cursor and summary, and stock per warehouse', () => {
    expect(toWebProductDetails({ product, reviews, inventory })).toEqual({
      product,
      reviews: { status: 'ok', items: [], nextCursor: 'next', summary: reviews.summary },
      inventory: { status: 'ok', inStock: true, totalQuantity: 4, warehouses: inventory.warehouses },
    });
  });

  it('keeps unavailable markers for optional parts', () => {
    const details = toWebProductDetails({
      product,
      reviews: { status: 'unavailable', reason: 'timeout' },
      inventory: { status: 'unavailable', reason: 'error' },
    });
    expect(details.reviews).toEqual({ status: 'unavailable', reason: 'timeout' });
    expect(details.inventory).toEqual({ status: 'unavailable', reason: 'error' });
  });
});
