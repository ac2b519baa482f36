import { HOME, hrefOf, parseHashRoute } from './hash-route';

describe('hash routes', () => {
  it('reads the pages of the app', () => {
    expect(parseHashRoute('#/products/42')).toEqual({ page: 'product', productId: '42' });
    expect(parseHashRoute('#/account')).toEqual({ page: 'account' });
    expect(parseHashRoute('#/sign-in')).toEqual({ page: 'sign-in' });
    expect(parseHashRoute('#/sign-in?next=%23%2Faccount')).toEqual({ page: 'sign-in', next: '#/account' });
  });

  it('lands on the home product without a fragment', () => {
    expect(parseHashRoute('')).toEqual(HOME);
    expect(parseHashRoute('#/')).toEqual(HOME);
  });

  it('refuses ids the BFF would refuse, and unknown pages', () => {
    expect(parseHashRoute('#/products/..%2Fx')).toEqual({ page: 'not-found' });
    expect(parseHashRoute(`#/products/${'9'.repeat(65)}`)).toEqual({ page: 'not-found' });
    expect(parseHashRoute('#/admin')).toEqual({ page: 'not-found' });
  });

  it('never returns to another site after signing in', () => {
    expect(parseHashRoute('#/sign-in?next=https%3A%2F%2Fevil.example')).toEqual({ page: 'sign-in' });
    expect(parseHashRoute('#/sign-in?next=%23%2Fsign-in')).toEqual({ page: 'sign-in' });
  });

  it('writes fragments that read back as the same route', () => {
    for (const route of [
      { page: 'product', productId: '7' },
      { page: 'account' },
      { page: 'sign-in' },
      { page: 'sign-in', next: '#/products/7' },
    ] as const) {
      expect(parseHashRoute(hrefOf(route))).toEqual(route);
    }
  });
});
