import type { LogLevel } from '@nestjs/common';
import { hostname } from 'node:os';
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { prettyLogStream } from './pretty-log.stream';
import { REDACTED } from './redact-secrets';

/**
 * Where pino blanks out a value whoever logs it: the credential headers in any header
 * set logged whole (`req.headers`, `res.headers`, `headers`), and top-level fields
 * named like a credential. Only fixed paths: a wildcard (`*.password`) made every line,
 * the access line included, cost 7 µs more CPU, four times what pino takes to write it.
 * Deeper structure handed to Nest's logger is redacted by key (see
 * `RedactingPinoLogger`), and the access line carries no header at all.
 */
export const LOG_REDACT_PATHS: readonly string[] = [
  ...['req.headers', 'request.headers', 'res.headers', 'response.headers', 'headers'].flatMap((headers) => [
    `${headers}.authorization`,
    `${headers}["proxy-authorization"]`,
    `${headers}.cookie`,
    `${headers}["set-cookie"]`,
  ]),
  ...['password', 'secret', 'token', 'accessToken', 'refreshToken', 'apiKey', 'credentials'],
];

/** Nest's level names in pino's terms: `log` is `info`, `verbose` is `trace`. */
const PINO_LEVELS: Readonly<Record<LogLevel, LevelWithSilent>> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

export interface AppLoggerOptions {
  /** The app's name, on every line as `service`. */
  service: string;
  /** `json`: one object per line; `text`: pretty lines for people (`LOG_FORMAT`). */
  format: 'text' | 'json';
  /** The least severe level written, in Nest's names (`LOG_LEVEL`). */
  level: LogLevel;
  /** Where lines go instead of stdout (specs). */
  destination?: DestinationStream;
}

/**
 * The app's one pino logger: Nest's logger and the access log both write through it.
 * JSON lines carry `level` as a name, `time` in ISO 8601 and the text under `message`;
 * they go to stdout through an asynchronous sonic-boom (flushed on exit), so writing
 * a line never waits on the pipe. Text is prettified in-process and written
 * synchronously: no worker-thread transport, which a bundled app could not load and
 * which would lose the last lines of a process that exits.
 *
 * @example
 * const root = createAppLogger({ service: 'web-bff', format: 'json', level: 'log' });
 * root.info({ context: 'Startup' }, 'ready');
 */
export function createAppLogger(options: AppLoggerOptions): Logger {
  const destination =
    options.destination ?? (options.format === 'json' ? pino.destination({ dest: 1, sync: false }) : prettyLogStream());
  return pino(
    {
      level: PINO_LEVELS[options.level],
      messageKey: 'message',
      base: { service: options.service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...LOG_REDACT_PATHS], censor: REDACTED },
    },
    destination,
  );
}
