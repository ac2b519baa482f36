import type { DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';

/** The access line's fields, in the order the text line shows them after its summary. */
const ACCESS_FIELDS = ['client', 'requestId', 'traceId', 'subjectHash', 'degraded'] as const;

/** Shown in the line itself, so not repeated beneath it. */
const SHOWN = ['level', 'time', 'pid', 'hostname', 'service', 'context', 'method', 'route', 'status', 'durationMs', ...ACCESS_FIELDS];

/**
 * pino-pretty as a plain synchronous stream in the app's own thread: each JSON line
 * pino writes is prettified and written to `out` at once. (pino-pretty's own stream,
 * and any pino transport, would run on a worker thread, which the bundled apps cannot
 * load and whose last lines a process that exits can lose.)
 *
 * A line reads `19:20:01.123  WARN [ProblemDetails] message`, the shape Nest's console
 * logger printed and the log checks look for; an access line reads
 * `19:20:01.123  INFO [http] GET /users/:userId 200 3.1 ms client=web requestId=…`.
 * Any other field follows on indented lines, an error with its stack.
 *
 * @example
 * const root = pino({ messageKey: 'message' }, prettyLogStream());
 */
export function prettyLogStream(out: { write(text: string): unknown } = process.stdout): DestinationStream {
  const prettify = prettyFactory({
    // Plain text whatever FORCE_COLOR says: these lines end up in files and log collectors too.
    colorize: false,
    messageKey: 'message',
    ignore: SHOWN.join(','),
    messageFormat: (log, messageKey) => formatLine(log, messageKey),
    errorLikeObjectKeys: ['err', 'error'],
  });
  return {
    write(line: string): void {
      const text = prettify(line);
      if (text) out.write(text);
    },
  };
}

function formatLine(log: Record<string, unknown>, messageKey: string): string {
  const time = typeof log['time'] === 'string' ? log['time'].slice(11, 23) : '';
  const level = String(log['level'] ?? '').toUpperCase().padStart(5);
  const context = typeof log['context'] === 'string' ? ` [${log['context']}]` : '';
  let line = `${time} ${level}${context} `;
  if (typeof log['method'] === 'string' && typeof log['status'] === 'number') {
    line += `${log['method']} ${String(log['route'] ?? '-')} ${log['status']} ${String(log['durationMs'])} ms`;
    for (const field of ACCESS_FIELDS) {
      const value = log[field];
      if (value !== undefined) line += ` ${field}=${Array.isArray(value) ? value.join(',') : String(value)}`;
    }
    return line;
  }
  return line + String(log[messageKey] ?? '');
}
