import { ErrorCode, errorCatalogue } from './error-catalogue';

/**
 * An error the gateway means to send: a catalogue code, a client-safe detail, and
 * optional problem-details extensions. Anything else that is thrown is treated as a
 * bug and answered with a bare 500.
 *
 * @example
 * throw new BffError('INVALID_ID', 'productId must be 1-64 letters, digits, "-" or "_".');
 */
export class BffError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(detail ?? errorCatalogue[code].title, options);
    this.name = 'BffError';
    this.status = errorCatalogue[code].status;
  }
}
