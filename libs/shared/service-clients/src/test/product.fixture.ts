import type { Product } from '@bff/downstream-contracts';

/** A well-formed product, as the product service answers it, for specs that need a real body. */
export const sampleProduct: Product = {
  id: '1',
  name: 'Trail shoe',
  description: 'Light and grippy.',
  brand: 'Acme',
  category: 'shoes',
  price: { amountMinor: 12_999, currency: 'EUR' },
  images: [],
  attributes: { colour: 'red' },
  createdAt: '2024-01-01T00:00:00.000Z',
};
