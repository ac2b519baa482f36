import { Logger } from '@nestjs/common';
import { createAppLogger } from './app-logger.factory';
import { prettyLogStream } from './pretty-log.stream';
import { RedactingPinoLogger } from './redacting-pino.logger';

/** A destination that keeps what it is given, line by line. */
function memory(): { lines: string[]; write(line: string): void } {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

describe('RedactingPinoLogger', () => {
  const secretLine = 'headers { authorization: "Bearer s3cr3t", cookie: "__Host-bff_session=abc" } password=hunter2';
  const error = new Error('sign-in failed with password=hunter2');

  it('writes one JSON object per line with level, message and context, and no credential', () => {
    const out = memory();
    const logger = new RedactingPinoLogger(createAppLogger({ service: 'test', format: 'json', level: 'log', destination: out }));

    logger.log(secretLine, 'Login');
    logger.warn({ headers: { Authorization: 'Bearer s3cr3t' } }, 'Login');
    logger.error(secretLine, error.stack, 'Login');

    const entries = out.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map(({ level, context, service }) => ({ level, context, service }))).toEqual([
      { level: 'info', context: 'Login', service: 'test' },
      { level: 'warn', context: 'Login', service: 'test' },
      { level: 'error', context: 'Login', service: 'test' },
    ]);
    expect(entries[0]).toMatchObject({ message: expect.stringContaining('[REDACTED]'), time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(entries[2]).toMatchObject({ err: { stack: expect.stringContaining('sign-in failed') } });
    for (const secret of ['s3cr3t', 'hunter2', '__Host-bff_session=abc']) expect(out.lines.join('\n')).not.toContain(secret);
  });

  it('blanks credential headers and top-level credential fields logged as data, by pino redaction paths', () => {
    const out = memory();
    const root = createAppLogger({ service: 'test', format: 'json', level: 'log', destination: out });

    root.info({ req: { headers: { authorization: 'Bearer s3cr3t', cookie: 'sid=abc', accept: 'text/html' } }, res: { headers: { 'set-cookie': 'sid=abc' } } });
    root.info({ email: 'a@b.c', password: 'hunter2' });

    const [headers, body] = out.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(headers).toMatchObject({
      req: { headers: { authorization: '[REDACTED]', cookie: '[REDACTED]', accept: 'text/html' } },
      res: { headers: { 'set-cookie': '[REDACTED]' } },
    });
    expect(body).toMatchObject({ email: 'a@b.c', password: '[REDACTED]' });
  });

  it('writes nothing below LOG_LEVEL', () => {
    const out = memory();
    const logger = new RedactingPinoLogger(createAppLogger({ service: 'test', format: 'json', level: 'warn', destination: out }));

    logger.log('routine');
    logger.warn('unusual');

    expect(out.lines.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual(['unusual']);
  });

  it('prints text lines as "LEVEL [context] message", the stack beneath an error, through pino-pretty in this thread', () => {
    const out = memory();
    const pretty = prettyLogStream(out);
    Logger.overrideLogger(new RedactingPinoLogger(createAppLogger({ service: 'test', format: 'text', level: 'log', destination: pretty })));
    try {
      new Logger('ProblemDetails').warn('GET /x 503 UPSTREAM_UNAVAILABLE requestId=r-1');
      new Logger('Boom').error('failed', error.stack);
    } finally {
      Logger.overrideLogger(true);
    }

    expect(out.lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}WARN \[ProblemDetails\] GET \/x 503 UPSTREAM_UNAVAILABLE requestId=r-1\n$/);
    expect(out.lines[1]).toMatch(/ERROR \[Boom\] failed\n[\s\S]*\n\s+at /);
    expect(out.lines.join('')).not.toContain('hunter2');
  });
});
