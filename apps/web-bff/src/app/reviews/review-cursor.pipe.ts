import { Injectable, type PipeTransform } from '@nestjs/common';
import { BffError } from '@bff/problem';

/** The shape of a review service cursor: opaque, but never more than a short base64url token. */
const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Validates the optional `cursor` query parameter before it reaches the review
 * service: absent is the first page; one short base64url token passes; anything
 * else (repeated, empty, too long, other characters) is a 400 `INVALID_QUERY`.
 *
 * @example
 * list(@Query('cursor', ReviewCursorPipe) cursor: string | undefined) {}
 */
@Injectable()
export class ReviewCursorPipe implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && CURSOR_PATTERN.test(value)) return value;
    throw new BffError('INVALID_QUERY', 'cursor must be the nextCursor of an earlier page.', { parameter: 'cursor' });
  }
}
