import { Injectable } from '@nestjs/common';
import type { Page, Product } from '@bff/downstream-contracts';
import { type PageRequest, paginate } from '@bff/demo-kit';
import { BffError } from '@bff/problem';
import { generateProducts } from './product.seed';

/** The catalogue, seeded once at start-up and read-only afterwards. */
@Injectable()
export class ProductsService {
  private readonly all: readonly Product[] = generateProducts();
  private readonly byId = new Map(this.all.map((product) => [product.id, product]));
  private readonly byCategory = groupByCategory(this.all);

  get(id: string): Product {
    const product = this.byId.get(id);
    if (!product) throw new BffError('NOT_FOUND', `No product with id "${id}".`);
    return product;
  }

  list(category: string | undefined, page: PageRequest): Page<Product> {
    const products = category === undefined ? this.all : (this.byCategory.get(category) ?? []);
    return paginate(products, page);
  }
}

function groupByCategory(products: readonly Product[]): Map<string, Product[]> {
  const groups = new Map<string, Product[]>();
  for (const product of products) {
    const group = groups.get(product.category) ?? [];
    group.push(product);
    groups.set(product.category, group);
  }
  return groups;
}
