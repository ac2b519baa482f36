import { Controller, Get, Param } from '@nestjs/common';
import { Public } from '@bff/auth';
import type { MobileProductDetails } from '@bff/mobile-contracts';
import { ResourceIdPipe } from '@bff/platform';
import { ProductDetailsService } from './product-details.service';

/** Product browsing is public: no sign-in needed to look at a product. */
@Public()
@Controller('product-details')
export class ProductDetailsController {
  constructor(private readonly productDetails: ProductDetailsService) {}

  @Get(':productId')
  get(@Param('productId', ResourceIdPipe) productId: string): Promise<MobileProductDetails> {
    return this.productDetails.get(productId);
  }
}
