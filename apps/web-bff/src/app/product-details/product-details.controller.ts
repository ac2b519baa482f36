import { Controller, Get, Param } from '@nestjs/common';
import { ResourceIdPipe } from '@bff/platform';
import type { WebProductDetails } from '@bff/web-contracts';
import { ProductDetailsService } from './product-details.service';

@Controller('product-details')
export class ProductDetailsController {
  constructor(private readonly productDetails: ProductDetailsService) {}

  @Get(':productId')
  get(@Param('productId', ResourceIdPipe) productId: string): Promise<WebProductDetails> {
    return this.productDetails.get(productId);
  }
}
