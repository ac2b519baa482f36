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
 * A gRPC target `host:port` (a name, an IPv4 address or a bracketed IPv6 address, and
 * a port from 1 to 65535), as gRPC clients name a server; no scheme, path or
 * credentials, so the value cannot point a channel anywhere but one socket address.
 */
export const grpcTarget = (fallback: string) =>
  z
    .string()
    .trim()
    .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/, {
      message: 'must be a gRPC target host:port, e.g. 127.0.0.1:5003',
    })
    .refine((target) => {
      const port = Number(target.slice(target.lastIndexOf(':') + 1));
      return port >= 1 && port <= 65_535;
    }, 'must name a port from 1 to 65535')
    .default(fallback);

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


