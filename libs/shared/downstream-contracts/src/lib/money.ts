/**
 * An amount in the currency's minor unit (cents for USD), so no client ever does
 * float arithmetic on prices.
 *
 * @example
 * const price: Money = { amountMinor: 1999, currency: 'USD' }; // $19.99
 */
export interface Money {
  amountMinor: number;
  currency: string;
}
