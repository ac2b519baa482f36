import { ApiParam } from '@nestjs/swagger';
import { RESOURCE_ID_PATTERN } from '../resource-id.pipe';

/**
 * Describes a path parameter read with `ResourceIdPipe`: 1–64 letters, digits, `-`
 * or `_`, anything else answered `400 INVALID_ID`.
 *
 * @example
 * @Get(':productId')
 * @ApiResourceId('productId', 'The product’s id.')
 * get(@Param('productId', ResourceIdPipe) productId: string) {}
 */
export function ApiResourceId(name: string, description: string): MethodDecorator {
  return ApiParam({ name, description, schema: { type: 'string', pattern: RESOURCE_ID_PATTERN.source } });
}
