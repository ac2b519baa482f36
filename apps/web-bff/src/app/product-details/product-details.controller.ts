import { Controller, Get, Param } from '@nestjs/common';
import { Public } from '@bff/auth';
import { ResourceIdPipe } from '@bff/platform';
import type { WebProductDetails } from '@bff/web-contracts';
import { ProductDetailsService } from './product-details.service';

/** Product browsing is public: no sign-in needed to look at a product. */
@Public()
@Controller('product-details')
export class ProductDetailsController {
  constructor(private readonly productDetails: ProductDetailsService) {}

  @Get(':productId')
  get(@Param('productId', ResourceIdPipe) productId: string): Promise<WebProductDetails> {
    return this.productDetails.get(productId);
  }
}
