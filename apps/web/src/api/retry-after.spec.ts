import { retryAfterSeconds } from './retry-after';

describe('retryAfterSeconds', () => {
  it('reads delay-seconds', () => {
    expect(retryAfterSeconds('30')).toBe(30);
    expect(retryAfterSeconds(' 0 ')).toBe(0);
  });

  it('counts an HTTP date from now, rounding up and never below zero', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:27:00 GMT');
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(60);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:27:00 GMT', now + 500)).toBe(0);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:27:01 GMT', now + 500)).toBe(1);
  });

  it.each([[null], [undefined], [''], ['-5'], ['1.5'], ['soon'], ['Xyz, not a date']])('gives undefined for %p', (value) => {
    expect(retryAfterSeconds(value)).toBeUndefined();
  });
});
