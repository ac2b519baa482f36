import { Logger, PinoLogger } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';
import { redactSecrets, redactValue } from './redact-secrets';

/**
 * nestjs-pino's `PinoLogger` bound to one root logger, without its per-request
 * store: the request's context is on the access line, so no child logger is made
 * per request (nestjs-pino's middleware would make one, and an async-local store
 * around every request).
 */
class RootPinoLogger extends PinoLogger {
  constructor(private readonly root: Pino) {
    super({ pinoHttp: { logger: root } });
  }

  override get logger(): Pino {
    return this.root;
  }
}

/**
 * Nest's app logger on pino (nestjs-pino's `Logger`), with credentials blanked out of
 * every message and stack it is handed (see `redactSecrets`), as the console logger
 * before it did: whoever logs a header set, a request body or an error message that
 * quotes one, `Authorization`, `Cookie`, passwords and tokens never reach the log.
 * The context (`new Logger('ProblemDetails')`) becomes the line's `context` field.
 *
 * @example
 * app.useLogger(new RedactingPinoLogger(createAppLogger({ service: 'web-bff', format: 'json', level: 'log' })));
 */
export class RedactingPinoLogger extends Logger {
  constructor(root: Pino) {
    super(new RootPinoLogger(root), {});
  }

  override verbose(message: unknown, ...optionalParams: unknown[]): void {
    super.verbose(redactValue(message), ...optionalParams.map(redactParam));
  }

  override debug(message: unknown, ...optionalParams: unknown[]): void {
    super.debug(redactValue(message), ...optionalParams.map(redactParam));
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    super.log(redactValue(message), ...optionalParams.map(redactParam));
  }

  override warn(message: unknown, ...optionalParams: unknown[]): void {
    super.warn(redactValue(message), ...optionalParams.map(redactParam));
  }

  override error(message: unknown, ...optionalParams: unknown[]): void {
    super.error(redactValue(message), ...optionalParams.map(redactParam));
  }

  override fatal(message: unknown, ...optionalParams: unknown[]): void {
    super.fatal(redactValue(message), ...optionalParams.map(redactParam));
  }
}

/** A stack or a context name: strings are redacted, anything else as a message. */
function redactParam(param: unknown): unknown {
  return typeof param === 'string' ? redactSecrets(param) : redactValue(param);
}
