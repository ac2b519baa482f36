import { Logger } from '@nestjs/common';
import { RedactingConsoleLogger } from './redacting-console.logger';

/** Everything the logger writes to stdout and stderr while `run` runs. */
function output(run: () => void): string {
  let written = '';
  const capture = (chunk: string | Uint8Array) => {
    written += chunk.toString();
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    run();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return written;
}

describe('RedactingConsoleLogger', () => {
  const secretLine = 'headers { authorization: "Bearer s3cr3t", cookie: "__Host-bff_session=abc" } password=hunter2';
  const error = new Error('sign-in failed with password=hunter2');

  it.each([
    ['text', false],
    ['json', true],
  ])('keeps credentials out of %s lines, messages and stacks alike', (_format, json) => {
    const logger = new RedactingConsoleLogger('test', { json, colors: false });
    const written = output(() => {
      logger.log(secretLine);
      logger.warn({ headers: { Authorization: 'Bearer s3cr3t' } });
      logger.error(secretLine, error.stack);
    });
    for (const secret of ['s3cr3t', 'hunter2', '__Host-bff_session=abc']) expect(written).not.toContain(secret);
    expect(written).toContain('[REDACTED]');
    expect(written).toContain('sign-in failed');
  });

  it('is what a Nest Logger writes through once it is the app logger', () => {
    Logger.overrideLogger(new RedactingConsoleLogger('test', { colors: false }));
    try {
      const written = output(() => new Logger('Login').warn('rejected cookie: __Host-bff_session=abc'));
      expect(written).toContain('[Login] rejected cookie: [REDACTED]');
    } finally {
      Logger.overrideLogger(true);
    }
  });
});
