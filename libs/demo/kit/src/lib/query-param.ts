import { BffError } from '@bff/problem';

/**
 * One query parameter as a single string. A repeated parameter (`?a=1&a=2`) arrives
 * as an array and is rejected rather than silently using one of the values.
 *
 * @example
 * const category = queryParam(query, 'category'); // string | undefined
 */
export function queryParam(query: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new BffError('INVALID_QUERY', `${name} must be given at most once.`, { parameter: name });
}
