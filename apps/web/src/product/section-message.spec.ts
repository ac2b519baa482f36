import { formatMoney, unavailableMessage } from './section-message';

describe('product page messages', () => {
  it('names the missing part and the reason, offering a retry when one can help', () => {
    expect(unavailableMessage('reviews', 'timeout')).toBe('Reviews took too long to load. Reload the page to try again.');
    expect(unavailableMessage('inventory', 'unavailable')).toBe(
      'Stock information cannot be loaded right now. Reload the page to try again.',
    );
    expect(unavailableMessage('delivery', 'not-found')).toBe('Delivery options: none for this product.');
    expect(unavailableMessage('delivery', 'error')).toMatch(/^Delivery options could not be loaded\./);
  });

  it('formats prices from minor units', () => {
    expect(formatMoney({ amountMinor: 7599, currency: 'USD' })).toBe('$75.99');
    expect(formatMoney({ amountMinor: 495, currency: 'EUR' })).toBe('€4.95');
  });
});
