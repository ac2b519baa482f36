import { Controller, Get, Param } from '@nestjs/common';
import type { MobileProductDetails } from '@bff/mobile-contracts';
import { ResourceIdPipe } from '@bff/platform';
import { ProductDetailsService } from './product-details.service';

@Controller('product-details')
export class ProductDetailsController {
  constructor(private readonly productDetails: ProductDetailsService) {}

  @Get(':productId')
  get(@Param('productId', ResourceIdPipe) productId: string): Promise<MobileProductDetails> {
    return this.productDetails.get(productId);
  }
}
