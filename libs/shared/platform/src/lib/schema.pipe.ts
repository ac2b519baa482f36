import { Injectable, PipeTransform } from '@nestjs/common';
import { BffError, type ErrorCode } from '@bff/problem';
import type { z } from 'zod';

/**
 * One failed rule, as listed in a 400's `errors` extension.
 *
 * @example
 * { "path": "rating", "message": "Invalid option: expected one of 1|2|3|4|5" }
 */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * Validates a request body (or any other argument) with a zod schema and hands the
 * parsed value to the handler; a mismatch is a 400 problem whose `errors` extension
 * lists each failed field.
 *
 * @example
 * @Post()
 * create(@Body(new SchemaPipe(createReviewSchema)) input: CreateReviewInput) {}
 */
@Injectable()
export class SchemaPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly code: ErrorCode = 'BAD_REQUEST',
  ) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const errors: FieldError[] = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const detail = errors.map((error) => `${error.path || '(body)'}: ${error.message}`).join('; ');
    throw new BffError(this.code, detail, { errors });
  }
}
