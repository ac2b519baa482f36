/**
 * The app's pages. They live in the URL's fragment (`#/products/42`), which the
 * browser never sends, so no page path can collide with one of the BFF's API routes.
 */
export type Route =
  | { page: 'product'; productId: string }
  | { page: 'account' }
  | { page: 'sign-in'; next?: string }
  | { page: 'not-found' };

/** The product a visitor lands on when the URL names none. */
export const HOME: Route = { page: 'product', productId: '1' };

// The BFF's own id rule: anything else would be a 400 there.
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The route a fragment names.
 *
 * @example
 * parseHashRoute('#/products/42'); // { page: 'product', productId: '42' }
 */
export function parseHashRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  if (path === '' || path === '/') return HOME;
  const product = /^\/products\/([^/]+)$/.exec(path);
  if (product?.[1] !== undefined) return ID.test(product[1]) ? { page: 'product', productId: product[1] } : { page: 'not-found' };
  if (path === '/account') return { page: 'account' };
  if (path === '/sign-in') {
    const next = new URLSearchParams(query).get('next');
    // Only a fragment of this app (never an absolute URL to somewhere else), and not the sign-in form again.
    const usable = next !== null && next.startsWith('#/') && !next.startsWith('#/sign-in');
    return usable ? { page: 'sign-in', next } : { page: 'sign-in' };
  }
  return { page: 'not-found' };
}

/**
 * The fragment of a route, for links and navigation.
 *
 * @example
 * hrefOf({ page: 'sign-in', next: '#/account' }); // '#/sign-in?next=%23%2Faccount'
 */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'product':
      return `#/products/${route.productId}`;
    case 'account':
      return '#/account';
    case 'sign-in':
      return route.next === undefined ? '#/sign-in' : `#/sign-in?${new URLSearchParams({ next: route.next })}`;
    case 'not-found':
      return '#/not-found';
  }
}
