import { applyDecorators, Controller, Get, Param } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@bff/auth';
import { CachePolicy, paramTag } from '@bff/caching';
import type { MobileProductDetails, MobileProductDetailsV2 } from '@bff/mobile-contracts';
import { ApiProblems, ApiResourceId, ResourceIdPipe, headerRefs } from '@bff/platform';
import { Deprecated } from '../api-versions/deprecated-version.decorator';
import { ProductDetailsService } from './product-details.service';
import { toMobileProductDetailsV1 } from './product-details.v1.mapper';

/** The headers every deprecated version's answers carry (set by `DeprecationHeadersHook`). */
const DEPRECATION_HEADERS = {
  Deprecation: {
    description: 'RFC 9745: when this version was deprecated, as `@` and Unix seconds.',
    schema: { type: 'string', pattern: '^@\\d+$' },
  },
  Sunset: {
    description: 'RFC 8594: the HTTP-date after which this version is no longer served.',
    schema: { type: 'string' },
  },
  Link: {
    description: 'The migration note, as `rel="deprecation"` and `rel="sunset"`.',
    schema: { type: 'string' },
  },
};

/**
 * What every version of the product screen shares. Product data changes rarely and
 * reviews are invalidated on write, so pages are fresh for 30 s, served stale for a
 * minute while one refresh runs, and stand in for five minutes when the product
 * service fails. Each path has its own entry (the key holds the path) and its own
 * `ETag` (a hash of its body); the `product:<id>` tag drops every version at once.
 */
function ProductScreen(schema: string, deprecated: boolean): MethodDecorator {
  return applyDecorators(
    CachePolicy({
      ttlSeconds: 30,
      staleWhileRevalidateSeconds: 60,
      staleIfErrorSeconds: 300,
      scope: 'public',
      tags: paramTag('product', 'productId'),
    }),
    ApiResourceId('productId', 'The product’s id.'),
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'An `ETag` from an earlier answer: 304 when it still matches.',
    }),
    ApiOkResponse({
      description:
        'The page. An optional part that failed is `{"status":"unavailable","reason":…}` and is named in `x-bff-degraded`.',
      schema: { $ref: `#/components/schemas/${schema}` },
      headers: {
        ...headerRefs(
          'ETag',
          'Cache-Control',
          'Vary',
          'x-cache',
          'x-bff-degraded',
          'RateLimit',
          'RateLimit-Policy',
        ),
        ...(deprecated ? DEPRECATION_HEADERS : {}),
      },
    }),
    ApiResponse({
      status: 304,
      description: 'Not modified: `If-None-Match` matched.',
      headers: { ...headerRefs('ETag', 'Cache-Control'), ...(deprecated ? DEPRECATION_HEADERS : {}) },
    }),
    ApiProblems(
      'INVALID_ID',
      'NOT_FOUND',
      'UPSTREAM_BAD_RESPONSE',
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_TIMEOUT',
    ),
  );
}

/**
 * The product screen, in every version phones still call. Version 2 is composed;
 * version 1 is derived from it, at the unprefixed path the first app releases call
 * and at `/v1`, and is deprecated. Product browsing is public: no sign-in needed.
 */
@Public()
@ApiTags('products')
@Controller()
export class ProductDetailsController {
  constructor(private readonly productDetails: ProductDetailsService) {}

  @Get('v2/product-details/:productId')
  @ProductScreen('MobileProductDetailsV2', false)
  @ApiOperation({ operationId: 'getProductDetailsV2', summary: 'A product page, composed (version 2)' })
  getV2(@Param('productId', ResourceIdPipe) productId: string): Promise<MobileProductDetailsV2> {
    return this.productDetails.get(productId);
  }

  @Get('v1/product-details/:productId')
  @ProductScreen('MobileProductDetails', true)
  @Deprecated('v1')
  @ApiOperation({
    operationId: 'getProductDetailsV1',
    summary: 'A product page, composed (version 1, deprecated: use version 2)',
    deprecated: true,
  })
  getV1(@Param('productId', ResourceIdPipe) productId: string): Promise<MobileProductDetails> {
    return this.v1(productId);
  }

  /** Version 1 where the first app releases call it; its answers are those of `/v1`. */
  @Get('product-details/:productId')
  @ProductScreen('MobileProductDetails', true)
  @Deprecated('v1')
  @ApiOperation({
    operationId: 'getProductDetails',
    summary: 'A product page, composed (version 1, deprecated: use version 2)',
    deprecated: true,
  })
  get(@Param('productId', ResourceIdPipe) productId: string): Promise<MobileProductDetails> {
    return this.v1(productId);
  }

  private async v1(productId: string): Promise<MobileProductDetails> {
    return toMobileProductDetailsV1(await this.productDetails.get(productId));
  }
}
