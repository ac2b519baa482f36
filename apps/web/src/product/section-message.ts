import type { UnavailableReason } from '@bff/contracts';

/** The product page's optional parts, as `x-bff-degraded` names them. */
export type ProductPart = 'reviews' | 'inventory' | 'delivery';

const PART_NAMES: Readonly<Record<ProductPart, string>> = {
  reviews: 'Reviews',
  inventory: 'Stock information',
  delivery: 'Delivery options',
};

const REASONS: Readonly<Record<Exclude<UnavailableReason, 'not-found'>, string>> = {
  timeout: 'took too long to load',
  unavailable: 'cannot be loaded right now',
  error: 'could not be loaded',
};

/**
 * What to show in place of a part the BFF could not load: the rest of the page is
 * fine, so the message says which part is missing and whether trying later helps.
 *
 * @example
 * unavailableMessage('reviews', 'timeout'); // 'Reviews took too long to load. Reload the page to try again.'
 */
export function unavailableMessage(part: ProductPart, reason: UnavailableReason): string {
  if (reason === 'not-found') return `${PART_NAMES[part]}: none for this product.`;
  return `${PART_NAMES[part]} ${REASONS[reason]}. Reload the page to try again.`;
}

/**
 * A price in the shopper's terms.
 *
 * @example
 * formatMoney({ amountMinor: 7599, currency: 'USD' }); // '$75.99'
 */
export function formatMoney(money: { amountMinor: number; currency: string }, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(money.amountMinor / 100);
}
