import { Controller, Get, Param } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@bff/auth';
import { CachePolicy, paramTag } from '@bff/caching';
import type { MobileProductDetails } from '@bff/mobile-contracts';
import { ApiProblems, ApiResourceId, ResourceIdPipe, headerRefs } from '@bff/platform';
import { ProductDetailsService } from './product-details.service';

/** Product browsing is public: no sign-in needed to look at a product. */
@Public()
@ApiTags('products')
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
  @ApiOperation({ operationId: 'getProductDetails', summary: 'A product page, composed' })
  @ApiResourceId('productId', 'The product’s id.')
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'An `ETag` from an earlier answer: 304 when it still matches.',
  })
  @ApiOkResponse({
    description:
      'The page. An optional part that failed is `{"status":"unavailable","reason":…}` and is named in `x-bff-degraded`.',
    schema: { $ref: '#/components/schemas/MobileProductDetails' },
    headers: headerRefs(
      'ETag',
      'Cache-Control',
      'Vary',
      'x-cache',
      'x-bff-degraded',
      'RateLimit',
      'RateLimit-Policy',
    ),
  })
  @ApiResponse({
    status: 304,
    description: 'Not modified: `If-None-Match` matched.',
    headers: headerRefs('ETag', 'Cache-Control'),
  })
  @ApiProblems('INVALID_ID', 'NOT_FOUND', 'UPSTREAM_BAD_RESPONSE', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT')
  get(@Param('productId', ResourceIdPipe) productId: string): Promise<MobileProductDetails> {
    return this.productDetails.get(productId);
  }
}
