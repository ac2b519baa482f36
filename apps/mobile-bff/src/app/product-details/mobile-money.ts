import type { Money } from '@bff/downstream-contracts';
import type { MobileMoney } from '@bff/mobile-contracts';

/**
 * Decimals of each currency seen so far (ISO 4217 minor units: 2 for USD, 0 for JPY,
 * 3 for KWD). Asking `Intl` builds a formatter, too dear for every answer; the map is
 * bounded by the three-letter codes the product and shipping services can send.
 */
const decimalsByCurrency = new Map<string, number>();

function decimalsOf(currency: string): number {
  let decimals = decimalsByCurrency.get(currency);
  if (decimals === undefined) {
    decimals =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    decimalsByCurrency.set(currency, decimals);
  }
  return decimals;
}

/** Minor units to a decimal string with the currency's own number of decimals: 2499 USD is `"24.99"`. */
export function toMobileMoney({ amountMinor, currency }: Money): MobileMoney {
  const decimals = decimalsOf(currency);
  if (decimals === 0) return { amount: String(amountMinor), currency };
  const digits = String(amountMinor).padStart(decimals + 1, '0');
  return { amount: `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`, currency };
}

/**
 * Back to minor units, exactly: the string has as many decimals as the currency, so
 * dropping the point gives the minor units without any floating-point arithmetic.
 */
export function toMoney({ amount, currency }: MobileMoney): Money {
  return { amountMinor: Number(amount.replace('.', '')), currency };
}
