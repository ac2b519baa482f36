import { DEMO_PRODUCT_COUNT } from '@bff/demo-kit';
import { deliveryEstimateSchema } from '@bff/downstream-contracts';
import { generateDeliveryEstimate, generateDeliveryEstimates } from './delivery-estimate.seed';

describe('generateDeliveryEstimates', () => {
  const estimates = generateDeliveryEstimates();

  it('gives every demo product an estimate the contract accepts', () => {
    expect(estimates).toHaveLength(DEMO_PRODUCT_COUNT);
    for (const estimate of estimates) expect(deliveryEstimateSchema.parse(estimate)).toEqual(estimate);
  });

  it('offers two to four options in euro cents, cheapest first, standard and express always', () => {
    for (const { options } of estimates) {
      expect(options.length).toBeGreaterThanOrEqual(2);
      expect(options.length).toBeLessThanOrEqual(4);
      const costs = options.map((option) => option.cost.amountMinor);
      expect(costs).toEqual([...costs].sort((a, b) => a - b));
      expect(options.every((option) => option.cost.currency === 'EUR')).toBe(true);
      expect(options.map((option) => option.id)).toEqual(expect.arrayContaining(['standard', 'express']));
    }
  });

  it('varies between products, so every number of options occurs', () => {
    const counts = new Set(estimates.map((estimate) => estimate.options.length));
    expect([...counts].sort()).toEqual([2, 3, 4]);
  });

  it("is the same on every start, and one product's estimate does not depend on the others", () => {
    expect(generateDeliveryEstimates()).toEqual(estimates);
    expect(generateDeliveryEstimate('42')).toEqual(estimates[41]);
  });
});
