import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { BffError } from '@bff/problem';

/** Letters, digits, `-` and `_`, 1 to 64 of them: no dots, slashes, encodings or control characters. */
export const RESOURCE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Validates an id path parameter before it can reach a downstream URL, so
 * `..%2Fadmin`, `%2e%2e`, a 300-character id or a control character is a 400 at
 * the edge.
 *
 * @example
 * @Get(':productId')
 * get(@Param('productId', ResourceIdPipe) productId: string) {}
 */
@Injectable()
export class ResourceIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && RESOURCE_ID_PATTERN.test(value)) return value;
    const name = metadata.data ?? 'id';
    throw new BffError('INVALID_ID', `${name} must be 1 to 64 letters, digits, "-" or "_".`, {
      parameter: name,
    });
  }
}
