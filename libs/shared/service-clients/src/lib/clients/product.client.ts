import type { Page, Product } from '@bff/downstream-contracts';
import { Injectable } from '@nestjs/common';
import type { CallOptions } from '../call/call-options';
import { DownstreamCaller } from '../call/downstream-caller';
import { path } from '../call/downstream-path';

/**
 * Query of `ProductClient.listProducts`.
 *
 * @example
 * const query: ListProductsQuery = { category: 'shoes', limit: 20 };
 */
export interface ListProductsQuery {
  category?: string;
  limit?: number;
  /** Opaque `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * Typed client of the product service.
 *
 * @example
 * const product = await products.getProduct('42', { timeoutMs: 300 });
 * const page = await products.listProducts({ category: 'shoes', limit: 20 });
 */
@Injectable()
export class ProductClient {
  constructor(private readonly downstream: DownstreamCaller) {}

  /** `GET /products/:id`; an unknown id fails with `NOT_FOUND`. */
  async getProduct(id: string, options?: CallOptions): Promise<Product> {
    return this.downstream.call<Product>(
      { method: 'GET', path: path`/products/${id}`, notFound: `No product with id ${id}.` },
      options,
    );
  }

  /** `GET /products?category=&limit=&cursor=`. */
  async listProducts(query: ListProductsQuery = {}, options?: CallOptions): Promise<Page<Product>> {
    return this.downstream.call<Page<Product>>(
      {
        method: 'GET',
        path: path`/products`,
        query: { category: query.category, limit: query.limit, cursor: query.cursor },
      },
      options,
    );
  }
}
