import { BffError } from '@bff/problem';
import { RESOURCE_ID_PATTERN } from '@bff/platform';

declare const downstreamPath: unique symbol;

/**
 * A relative path built by {@link path}; the only kind of URL a downstream call accepts.
 *
 * @example
 * const url: DownstreamPath = path`/users/${userId}`;
 */
export type DownstreamPath = string & { readonly [downstreamPath]: true };

/**
 * Values for a query string; `undefined` leaves the parameter out.
 *
 * @example
 * const query: QueryParams = { productId: '42', limit: 10, cursor: undefined };
 */
export type QueryParams = Readonly<Record<string, string | number | boolean | undefined>>;

/** Literal parts of a template: plain path characters only, no dot segments, query or fragment. */
const LITERAL = /^[A-Za-z0-9/_-]*$/;
const checkedLiterals = new WeakSet<TemplateStringsArray>();

/**
 * Builds a downstream path from a template literal. Every interpolated value must
 * be a whole identifier (1-64 letters, digits, `-`, `_`) and is
 * percent-encoded, so no input can add a segment, climb with `..` or turn the
 * path into an absolute URL, even if the gateway's own validation was bypassed.
 * A value that is not an identifier fails with `INVALID_ID` (400) before any call.
 *
 * @example
 * path`/products/${productId}`; // '/products/42'
 * path`/products/${'..'}`;      // throws BffError INVALID_ID
 */
export function path(
  literals: TemplateStringsArray,
  ...values: readonly (string | number)[]
): DownstreamPath {
  checkLiterals(literals);
  let result = literals[0];
  for (let i = 0; i < values.length; i++) {
    result += segment(values[i]) + literals[i + 1];
  }
  return result as DownstreamPath;
}

/**
 * Appends a query string encoded by `URLSearchParams`, leaving out `undefined`
 * values; the result is still a {@link DownstreamPath}.
 *
 * @example
 * withQuery(path`/reviews`, { productId: '1', cursor: 'a&b' }); // '/reviews?productId=1&cursor=a%26b'
 */
export function withQuery(base: DownstreamPath, query: QueryParams | undefined): DownstreamPath {
  if (!query) return base;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.append(name, String(value));
  }
  const search = params.toString();
  return (search ? `${base}?${search}` : base) as DownstreamPath;
}

function segment(value: string | number): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !RESOURCE_ID_PATTERN.test(text)) {
    throw new BffError('INVALID_ID', 'An identifier must be 1 to 64 letters, digits, "-" or "_".');
  }
  return encodeURIComponent(text);
}

function checkLiterals(literals: TemplateStringsArray): void {
  if (checkedLiterals.has(literals)) return;
  const valid =
    literals[0].startsWith('/') &&
    !literals[0].startsWith('//') &&
    literals.every((literal) => LITERAL.test(literal) && !literal.includes('//'));
  if (!valid) throw new Error(`Invalid downstream path template: ${literals.join('${…}')}`);
  checkedLiterals.add(literals);
}
