import type { DeliveryEstimate, DeliveryOption } from '@bff/downstream-contracts';
import { Prng, demoProductIds } from '@bff/demo-kit';

/**
 * The ways a product may ship, cheapest first. Price bands do not overlap, so the
 * order holds for every draw; days shrink as the price grows.
 */
const METHODS = [
  { id: 'pickup-point', name: 'Pick-up point', days: [3, 6], cost: [195, 395], share: 0.5 },
  { id: 'standard', name: 'Standard', days: [2, 5], cost: [445, 695], share: 1 },
  { id: 'express', name: 'Express', days: [1, 2], cost: [995, 1_495], share: 1 },
  { id: 'same-day', name: 'Same day', days: [0, 0], cost: [1_995, 2_995], share: 0.3 },
] as const;

const CURRENCY = 'EUR';

/** Prices end in 5 (4.95, 9.95), as shop prices do. */
const PRICE_STEP = 50;

/**
 * The delivery options of one product: standard and express always, a pick-up point
 * for about half the products and same-day delivery for about a third, so an estimate
 * holds two to four options. Each product draws from its own seed, so its estimate is
 * the same on every start and does not move when the catalogue grows.
 */
export function generateDeliveryEstimate(productId: string): DeliveryEstimate {
  const random = new Prng(`shipping:${productId}`);
  const options: DeliveryOption[] = [];
  for (const method of METHODS) {
    if (!random.chance(method.share)) continue;
    const [minDays, maxDays] = method.days;
    const [minCost, maxCost] = method.cost;
    const steps = random.int(0, Math.floor((maxCost - minCost) / PRICE_STEP));
    options.push({
      id: method.id,
      name: method.name,
      estimatedDays: random.int(minDays, maxDays),
      cost: { amountMinor: minCost + steps * PRICE_STEP, currency: CURRENCY },
    });
  }
  options.sort((a, b) => a.cost.amountMinor - b.cost.amountMinor);
  return { productId, options };
}

/** The estimate of every demo product, identical on every start. */
export function generateDeliveryEstimates(): DeliveryEstimate[] {
  return demoProductIds().map(generateDeliveryEstimate);
}
