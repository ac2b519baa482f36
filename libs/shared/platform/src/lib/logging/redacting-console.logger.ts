import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { redactSecrets, redactValue } from './redact-secrets';

/**
 * Nest's console logger with credentials blanked out of every line it prints, text or
 * JSON, messages and stacks alike (see {@link redactSecrets}): whoever logs a header
 * set, a request body or an error message that quotes one, `Authorization`, `Cookie`,
 * `Set-Cookie`, passwords and tokens never reach the log. It is the app logger of
 * every app started by `bootstrapHttpApp`, so every `new Logger(context)` goes through it.
 *
 * @example
 * app.useLogger(new RedactingConsoleLogger('web-bff', { json: true }));
 */
export class RedactingConsoleLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(
      messages.map((message) => redactValue(message)),
      context,
      logLevel,
      writeStreamType,
      typeof errorStack === 'string' ? redactSecrets(errorStack) : errorStack,
    );
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(stack && redactSecrets(stack));
  }
}
