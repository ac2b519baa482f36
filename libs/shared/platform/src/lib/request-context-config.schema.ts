import { z } from 'zod';
import { LANGUAGE_TAG } from './request-context.language';

/**
 * The request-context variables a gateway reads, to spread into its config schema.
 * `SUPPORTED_LANGUAGES` (comma list, most preferred first, default `en`) is what
 * every request's `Accept-Language` is reduced to, before it is keyed by the
 * response cache or sent downstream.
 *
 * @example
 * const schema = z.object({ ...listenConfigShape(3000), ...requestContextConfigShape() });
 * // SUPPORTED_LANGUAGES="en, de, fr"
 */
export function requestContextConfigShape() {
  return {
    SUPPORTED_LANGUAGES: z
      .string()
      .default('en')
      .transform((list, context) => {
        const languages = list
          .split(',')
          .map((language) => language.trim())
          .filter((language) => language !== '');
        const invalid = languages.find((language) => !LANGUAGE_TAG.test(language));
        if (languages.length === 0 || invalid !== undefined) {
          context.addIssue({
            code: 'custom',
            message: 'expected a comma-separated list of language tags such as "en, de-CH, fr"',
          });
          return z.NEVER;
        }
        const unique = languages.filter(
          (language, index) => languages.findIndex((other) => other.toLowerCase() === language.toLowerCase()) === index,
        );
        return Object.freeze(unique) as readonly string[];
      }),
  };
}
