import type { RateLimitDiscriminator } from './rate-limit.keys';

/**
 * A discriminator reading a string field of a JSON body, normalised (NFKC, trimmed,
 * lower-cased) so that `Alice` and ` alice` share one bucket. A missing or
 * non-string field counts as one "no value" bucket per caller.
 *
 * @example
 * @RateLimitTier('login', { by: bodyField('username') })
 */
export function bodyField(field: string): RateLimitDiscriminator {
  return (request) => {
    const body: unknown = request.body;
    if (typeof body !== 'object' || body === null) return undefined;
    const value = (body as Record<string, unknown>)[field];
    return typeof value === 'string' ? value.normalize('NFKC').trim().toLowerCase() : undefined;
  };
}
