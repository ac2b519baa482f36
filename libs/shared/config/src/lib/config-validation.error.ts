import type { z } from 'zod';

/**
 * Thrown at start-up when the environment does not satisfy an app's schema. The
 * message names every offending variable and why, but never echoes a value: a
 * misconfigured secret must not end up in a log.
 */
export class ConfigValidationError extends Error {
  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super(
      'Invalid configuration:\n' +
        issues
          .map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('\n'),
    );
    this.name = 'ConfigValidationError';
  }
}
