import { httpUrl } from '@bff/config';
import { z } from 'zod';

/** An instant as ISO 8601: a date (`2027-06-01`, midnight UTC) or a date-time with an offset. */
const instant = (fallback: string) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .default(fallback)
    .transform((value) => new Date(value));

/**
 * When version 1 of the mobile API was deprecated, when it stops being served, and
 * where its migration note is published: what v1 answers announce in `Deprecation`,
 * `Sunset` and `Link`. Phones stay installed for months, so the sunset is far after
 * the deprecation by default.
 *
 * @example
 * z.object({ ...apiDeprecationConfigShape() }).superRefine(refineApiDeprecationConfig);
 */
export function apiDeprecationConfigShape() {
  return {
    MOBILE_V1_DEPRECATED_AT: instant('2026-12-01T00:00:00Z'),
    MOBILE_V1_SUNSET_AT: instant('2027-06-01T00:00:00Z'),
    /** Where `docs/mobile-api-v2.md` is published; phones and their developers follow it. */
    MOBILE_V1_MIGRATION_URL: httpUrl('https://m.example.com/docs/mobile-api-v2'),
  };
}

type ApiDeprecationConfig = z.output<z.ZodObject<ReturnType<typeof apiDeprecationConfigShape>>>;

/** A sunset before the deprecation would tell phones to stop before they were warned. */
export function refineApiDeprecationConfig(config: ApiDeprecationConfig, context: z.RefinementCtx): void {
  if (config.MOBILE_V1_SUNSET_AT.getTime() <= config.MOBILE_V1_DEPRECATED_AT.getTime()) {
    context.addIssue({
      code: 'custom',
      path: ['MOBILE_V1_SUNSET_AT'],
      message: 'must be after MOBILE_V1_DEPRECATED_AT',
    });
  }
}
