import { z } from 'zod';

/**
 * The access log's variables, to spread into a gateway's config schema.
 * `LOG_SUBJECT_SECRET` keys the hash that stands for the caller on each access line
 * (see `SubjectHash`); unset, the hash is a plain SHA-256, which a guessable subject
 * does not hide. Never logged: its name marks it a secret to the log redaction too.
 *
 * @example
 * const schema = z.object({ ...listenConfigShape(3000), ...accessLogConfigShape() });
 */
export function accessLogConfigShape() {
  return {
    LOG_SUBJECT_SECRET: z.string().min(32, { error: 'expected at least 32 characters' }).optional(),
  };
}
