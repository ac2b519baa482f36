import type { z } from 'zod';
import { ConfigValidationError } from './config-validation.error';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Parses an environment against a schema once, throwing a
 * {@link ConfigValidationError} that names each bad variable.
 *
 * @example
 * const config = loadConfig(z.object({ PORT: z.coerce.number().default(3000) }), { PORT: '8080' });
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Environment): z.output<S> {
  const result = schema.safeParse(env);
  if (!result.success) throw new ConfigValidationError(result.error.issues);
  return result.data;
}
