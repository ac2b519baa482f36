import { HttpException } from '@nestjs/common';
import { BffError } from './bff.error';
import { ErrorCode, codeForStatus, errorCatalogue, problemType } from './error-catalogue';
import type { ProblemDetails } from './problem-details';
import { statusOf } from './status-of';

/**
 * Maps any thrown value to problem details, defensively: only `BffError`s and 4xx
 * `HttpException`s or framework errors keep their detail; everything else becomes a
 * bare 500 so no stack, internal URL or secret can reach a client.
 *
 * @example
 * toProblem(new BffError('NOT_FOUND', 'No product with id 42.')).status; // 404
 * toProblem(new TypeError('x is undefined')).detail; // undefined
 */
export function toProblem(error: unknown, instance?: string): ProblemDetails {
  if (error instanceof BffError) {
    return build(error.code, error.detail, instance, error.extensions);
  }
  const status = statusOf(error);
  if (status === undefined || status >= 500) return build('INTERNAL', undefined, instance);
  return build(codeForStatus(status), clientMessageOf(error, status), instance, {}, status);
}

function build(
  code: ErrorCode,
  detail: string | undefined,
  instance: string | undefined,
  extensions: Readonly<Record<string, unknown>> = {},
  status: number = errorCatalogue[code].status,
): ProblemDetails {
  return {
    ...extensions,
    type: problemType(code),
    title: errorCatalogue[code].title,
    status,
    ...(detail === undefined ? {} : { detail }),
    ...(instance === undefined ? {} : { instance }),
    code,
  };
}

function clientMessageOf(error: unknown, status: number): string | undefined {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string' && message !== errorCatalogue[codeForStatus(status)].title) return message;
    return undefined;
  }
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}
