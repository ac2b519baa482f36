import { type PageRequest, parsePageRequest, queryParam } from '@bff/demo-kit';
import { ResourceIdPipe } from '@bff/platform';
import { BffError } from '@bff/problem';

export interface ListReviewsQuery {
  productId: string;
  page: PageRequest;
}

const idPipe = new ResourceIdPipe();

/** `?productId=&limit=&cursor=`; `productId` is required and validated like a path id. */
export function parseListReviewsQuery(query: Readonly<Record<string, unknown>>): ListReviewsQuery {
  const productId = queryParam(query, 'productId');
  if (productId === undefined) {
    throw new BffError('INVALID_QUERY', 'productId is required.', { parameter: 'productId' });
  }
  return {
    productId: idPipe.transform(productId, { type: 'query', data: 'productId' }),
    page: parsePageRequest(query, { defaultLimit: 10, maxLimit: 50 }),
  };
}
