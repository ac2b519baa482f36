import { toMobileMoney, toMoney } from './mobile-money';

describe('toMobileMoney', () => {
  it('writes minor units with the currency’s own number of decimals', () => {
    expect(toMobileMoney({ amountMinor: 2_499, currency: 'USD' })).toEqual({
      amount: '24.99',
      currency: 'USD',
    });
    expect(toMobileMoney({ amountMinor: 500, currency: 'JPY' })).toEqual({ amount: '500', currency: 'JPY' });
    expect(toMobileMoney({ amountMinor: 1_234, currency: 'KWD' })).toEqual({
      amount: '1.234',
      currency: 'KWD',
    });
  });

  it('pads amounts below one major unit', () => {
    expect(toMobileMoney({ amountMinor: 5, currency: 'EUR' })).toEqual({ amount: '0.05', currency: 'EUR' });
    expect(toMobileMoney({ amountMinor: 0, currency: 'EUR' })).toEqual({ amount: '0.00', currency: 'EUR' });
  });
});

describe('toMoney', () => {
  it('gives back exactly the minor units it was made from', () => {
    for (const money of [
      { amountMinor: 2_499, currency: 'USD' },
      { amountMinor: 5, currency: 'EUR' },
      { amountMinor: 0, currency: 'EUR' },
      { amountMinor: 500, currency: 'JPY' },
      { amountMinor: 1_234, currency: 'KWD' },
      { amountMinor: 123_456_789, currency: 'USD' },
    ]) {
      expect(toMoney(toMobileMoney(money))).toEqual(money);
    }
  });
});
