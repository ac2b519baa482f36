import { Controller, Get, Param } from '@nestjs/common';
import { Public } from '@bff/auth';
import { CachePolicy, paramTag } from '@bff/caching';
import { ResourceIdPipe } from '@bff/platform';
import type { WebProductDetails } from '@bff/web-contracts';
import { ProductDetailsService } from './product-details.service';

/** Product browsing is public: no sign-in needed to look at a product. */
@Public()
@Controller('product-details')
export class ProductDetailsController {
  constructor(private readonly productDetails: ProductDetailsService) {}

  /**
   * Product data changes rarely and reviews are invalidated on write, so pages are
   * fresh for 30 s, served stale for a minute while one refresh runs, and stand in
   * for five minutes when the product service fails.
   */
  @Get(':productId')
  @CachePolicy({
    ttlSeconds: 30,
    staleWhileRevalidateSeconds: 60,
    staleIfErrorSeconds: 300,
    scope: 'public',
    tags: paramTag('product', 'productId'),
  })
  get(@Param('productId', ResourceIdPipe) productId: string): Promise<WebProductDetails> {
    return this.productDetails.get(productId);
  }
}
