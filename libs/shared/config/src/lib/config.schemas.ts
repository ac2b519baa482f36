import { z } from 'zod';

/** A TCP port; `0` asks the OS for a free one (tests use it). */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/** An absolute http(s) URL without a trailing slash. */
export const httpUrl = (fallback: string) =>
  z
    .url({ protocol: /^https?$/ })
    .default(fallback)
    .transform((url) => url.replace(/\/+$/, ''));

/**
 * An optional `redis://` or `rediss://` URL; an empty value counts as unset, so
 * `REDIS_URL=` in an env file turns shared state off instead of failing. The scheme
 * is lower-cased: a client that looks for `rediss://` must not miss `REDISS://`
 * and connect in plaintext.
 */
export const redisUrl = () =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .url({ protocol: /^rediss?$/ })
      .transform((url) => url.replace(/^[A-Za-z]+:/, (scheme) => scheme.toLowerCase()))
      .optional(),
  );

/** A positive whole number of milliseconds. */
export const millis = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * A boolean from an environment string; only `true/false/1/0` are accepted so a
 * typo fails at start-up instead of silently meaning false.
 */
export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');


