import type { DeliveryEstimate, Inventory, Product, ReviewPage } from '@bff/downstream-contracts';
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

const delivery: DeliveryEstimate = {
  productId: '1',
  options: [
    { id: 'standard', name: 'Standard', estimatedDays: 4, cost: { amountMinor: 495, currency: 'EUR' } },
    { id: 'express', name: 'Express', estimatedDays: 1, cost: { amountMinor: 1_495, currency: 'EUR' } },
  ],
};

describe('toWebProductDetails', () => {
  it('keeps the full product, the review page with its cursor and summary, stock per warehouse and every delivery option', () => {
    expect(toWebProductDetails({ product, reviews, inventory, delivery })).toEqual({
      product,
      reviews: { status: 'ok', items: [], nextCursor: 'next', summary: reviews.summary },
      inventory: { status: 'ok', inStock: true, totalQuantity: 4, warehouses: inventory.warehouses },
      delivery: { status: 'ok', options: delivery.options },
    });
  });

  it('keeps unavailable markers for optional parts', () => {
    const details = toWebProductDetails({
      product,
      reviews: { status: 'unavailable', reason: 'timeout' },
      inventory: { status: 'unavailable', reason: 'error' },
      delivery: { status: 'unavailable', reason: 'unavailable' },
    });
    expect(details.reviews).toEqual({ status: 'unavailable', reason: 'timeout' });
    expect(details.inventory).toEqual({ status: 'unavailable', reason: 'error' });
    expect(details.delivery).toEqual({ status: 'unavailable', reason: 'unavailable' });
  });
});
