import { BffError } from '@bff/problem';
import type { Page } from '@bff/downstream-contracts';
import { decodeCursor, encodeCursor } from './cursor';
import { queryParam } from './query-param';

/**
 * Where a page starts and how many items it holds, once the query has been validated.
 *
 * @example
 * const request: PageRequest = { offset: 20, limit: 10 }; // the third page of 10
 */
export interface PageRequest {
  offset: number;
  limit: number;
}

/**
 * A list's page sizes: what a request without `limit` gets, and the most it may ask for.
 *
 * @example
 * const reviewPages: PaginationOptions = { defaultLimit: 10, maxLimit: 50 };
 */
export interface PaginationOptions {
  defaultLimit: number;
  maxLimit: number;
}

const DIGITS = /^\d{1,4}$/;

/**
 * Reads `limit` and `cursor` from a request's query; anything malformed is a 400
 * `INVALID_QUERY` naming the parameter.
 *
 * @example
 * @Get()
 * list(@Query() query: Record<string, unknown>) {
 *   const page = parsePageRequest(query, { defaultLimit: 20, maxLimit: 50 });
 * }
 */
export function parsePageRequest(
  query: Readonly<Record<string, unknown>>,
  options: PaginationOptions,
): PageRequest {
  const limitText = queryParam(query, 'limit');
  const cursorText = queryParam(query, 'cursor');
  let limit = options.defaultLimit;
  if (limitText !== undefined) {
    limit = DIGITS.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= options.maxLimit)) {
      throw new BffError('INVALID_QUERY', `limit must be a whole number from 1 to ${options.maxLimit}.`, {
        parameter: 'limit',
      });
    }
  }
  let offset = 0;
  if (cursorText !== undefined) {
    const decoded = decodeCursor(cursorText);
    if (decoded === undefined) {
      throw new BffError('INVALID_QUERY', 'cursor is not a cursor this service issued.', { parameter: 'cursor' });
    }
    offset = decoded;
  }
  return { offset, limit };
}

/**
 * Cuts one page out of a list; `nextCursor` is `null` on the last page.
 *
 * @example
 * paginate(products, { offset: 0, limit: 20 }); // { items: [...20], nextCursor: 'bzIw' }
 */
export function paginate<T>(items: readonly T[], request: PageRequest): Page<T> {
  const end = request.offset + request.limit;
  return {
    items: items.slice(request.offset, end),
    nextCursor: end < items.length ? encodeCursor(end) : null,
  };
}
