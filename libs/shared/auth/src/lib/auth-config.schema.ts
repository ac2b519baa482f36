import { ConfigValidationError, type TypedConfig } from '@bff/config';
import { z } from 'zod';
import type { AuthOptions } from './auth-options';
import { type BffClient, DEV_AUTH } from './dev-auth';

/**
 * The auth variables a gateway reads. Spread into the app's schema and add
 * {@link refineAuthConfig}, which checks the variables against each other.
 *
 * Without any of them the gateway accepts HS256 tokens signed with the development
 * secret from `dev-auth.json` (what `npm run token` mints); in production a JWKS
 * URL and an issuer are required and a secret is refused.
 *
 * @example
 * const schema = z
 *   .object({ ...listenConfigShape(3000), ...authConfigShape('web') })
 *   .superRefine(refineAuthConfig);
 */
export function authConfigShape(client: BffClient) {
  return {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_HS256_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).default(DEV_AUTH.audiences[client]),
    AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  };
}

/**
 * The parsed auth variables, whatever else an app's config holds.
 *
 * @example
 * export class MobileBffConfig extends TypedConfig<z.output<typeof mobileBffConfigSchema>> {}
 * // MobileBffConfig is a TypedConfig<AuthConfig>, so authOptionsFromConfig accepts it.
 */
export interface AuthConfig {
  NODE_ENV: 'development' | 'test' | 'production';
  AUTH_JWKS_URL?: string;
  AUTH_HS256_SECRET?: string;
  AUTH_ISSUER?: string;
  AUTH_AUDIENCE: string;
  AUTH_CLOCK_TOLERANCE_SECONDS: number;
}

/**
 * Cross-variable rules: at most one key source; in production a JWKS URL over
 * https and an explicit issuer, and never an HS256 secret. Each issue names its
 * variable, never its value.
 *
 * @example
 * z.object({ ...authConfigShape('mobile') }).superRefine(refineAuthConfig);
 */
export function refineAuthConfig(config: AuthConfig, context: z.RefinementCtx): void {
  for (const { path, message } of authConfigIssues(config)) context.addIssue({ code: 'custom', path, message });
}

/**
 * {@link AuthOptions} from an app's parsed config, filling in the development
 * issuer and secret when none are set. It applies the same rules as
 * {@link refineAuthConfig} again, so a schema that forgot the refinement still
 * cannot start a production gateway on the development secret.
 *
 * @example
 * AuthModule.forRootAsync({ inject: [WebBffConfig], useFactory: authOptionsFromConfig })
 */
export function authOptionsFromConfig(config: TypedConfig<AuthConfig>): AuthOptions {
  const values: AuthConfig = {
    NODE_ENV: config.get('NODE_ENV'),
    AUTH_JWKS_URL: config.get('AUTH_JWKS_URL'),
    AUTH_HS256_SECRET: config.get('AUTH_HS256_SECRET'),
    AUTH_ISSUER: config.get('AUTH_ISSUER'),
    AUTH_AUDIENCE: config.get('AUTH_AUDIENCE'),
    AUTH_CLOCK_TOLERANCE_SECONDS: config.get('AUTH_CLOCK_TOLERANCE_SECONDS'),
  };
  const issues = authConfigIssues(values);
  if (issues.length > 0) throw new ConfigValidationError(issues);
  const common = {
    issuer: values.AUTH_ISSUER ?? DEV_AUTH.issuer,
    audience: values.AUTH_AUDIENCE,
    clockToleranceSeconds: values.AUTH_CLOCK_TOLERANCE_SECONDS,
  };
  return values.AUTH_JWKS_URL === undefined
    ? { ...common, hs256Secret: values.AUTH_HS256_SECRET ?? DEV_AUTH.hs256Secret }
    : { ...common, jwksUrl: values.AUTH_JWKS_URL };
}

function authConfigIssues(config: AuthConfig): z.core.$ZodIssueCustom[] {
  const issues: z.core.$ZodIssueCustom[] = [];
  const issue = (variable: keyof AuthConfig, message: string) =>
    issues.push({ code: 'custom', path: [variable], message, input: undefined });
  if (config.AUTH_JWKS_URL !== undefined && config.AUTH_HS256_SECRET !== undefined) {
    issue('AUTH_HS256_SECRET', 'set AUTH_JWKS_URL or AUTH_HS256_SECRET, not both');
  }
  if (config.NODE_ENV !== 'production') return issues;
  if (config.AUTH_HS256_SECRET !== undefined) {
    issue('AUTH_HS256_SECRET', 'AUTH_HS256_SECRET is for development only and is refused when NODE_ENV=production; use AUTH_JWKS_URL');
  }
  if (config.AUTH_JWKS_URL === undefined) {
    issue('AUTH_JWKS_URL', 'AUTH_JWKS_URL is required when NODE_ENV=production');
  } else if (!config.AUTH_JWKS_URL.startsWith('https:')) {
    issue('AUTH_JWKS_URL', 'AUTH_JWKS_URL must use https when NODE_ENV=production');
  }
  if (config.AUTH_ISSUER === undefined) {
    issue('AUTH_ISSUER', 'AUTH_ISSUER is required when NODE_ENV=production');
  }
  return issues;
}
