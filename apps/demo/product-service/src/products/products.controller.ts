import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Page, Product } from '@bff/downstream-contracts';
import { parsePageRequest, queryParam } from '@bff/demo-kit';
import { ResourceIdPipe } from '@bff/platform';
import { ProductsService } from './products.service';

@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  /** `?category=&limit=&cursor=`; an unknown category is an empty page, not an error. */
  @Get()
  list(@Query() query: Record<string, unknown>): Page<Product> {
    const page = parsePageRequest(query, { defaultLimit: 20, maxLimit: 50 });
    return this.products.list(queryParam(query, 'category'), page);
  }

  @Get(':id')
  get(@Param('id', ResourceIdPipe) id: string): Product {
    return this.products.get(id);
  }
}
