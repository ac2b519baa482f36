import { ConfigValidationError, type TypedConfig } from '@bff/config';
import { z } from 'zod';
import type { AuthOptions } from './auth-options';
import { type BffClient, DEV_AUTH } from './dev-auth';
import { ACCESS_TOKEN_TYPES } from './jwt/token-type';

/** A media type as RFC 7515 allows it in `typ` (`at+jwt`, `application/at+jwt`, `JWT`). */
const MEDIA_TYPE = /^[A-Za-z0-9!#$&^_.+-]+(\/[A-Za-z0-9!#$&^_.+-]+)?$/;
/** A client identifier as it appears in `client_id` or `azp`: printable, no spaces or commas. */
const CLIENT_ID = /^[\x21-\x2b\x2d-\x7e]{1,255}$/;

/** Addresses only this machine can reach: the development key is public, so nothing else may. */
const LOOPBACK_HOST = /^(localhost|::1|\[::1\]|127(\.\d{1,3}){3})$/i;

/** A comma-separated list; blanks around entries and empty entries are ignored. */
const list = (entry: RegExp, what: string, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    )
    .pipe(z.array(z.string().regex(entry, `each entry must be ${what}`)));

/**
 * The auth variables a gateway reads. Spread into the app's schema and add
 * {@link refineAuthConfig}, which checks the variables against each other.
 *
 * A gateway needs a key: `AUTH_JWKS_URL` (production), `AUTH_HS256_SECRET`, or
 * `AUTH_MODE=development`, which selects the public development secret of
 * `dev-auth.json` (what `npm run token` mints) on a loopback address only. With none
 * of them it refuses to start.
 *
 * @example
 * const schema = z
 *   .object({ ...listenConfigShape(3000), ...authConfigShape('web') })
 *   .superRefine(refineAuthConfig);
 */
export function authConfigShape(client: BffClient) {
  return {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    AUTH_MODE: z.preprocess((value) => (value === '' ? undefined : value), z.enum(['development']).optional()),
    AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_HS256_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).default(DEV_AUTH.audiences[client]),
    AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    /** Header `typ` values taken for an access token (RFC 9068); add `JWT` for issuers that send it. */
    AUTH_ACCEPTED_TOKEN_TYPES: list(MEDIA_TYPE, 'a media type such as at+jwt', ACCESS_TOKEN_TYPES.join(',')).pipe(
      z.array(z.string()).min(1, 'name at least one token type'),
    ),
    AUTH_MAX_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(86_400),
    /** `client_id`/`azp` values allowed; empty lets any client of the issuer through. */
    AUTH_ALLOWED_CLIENT_IDS: list(CLIENT_ID, 'a client id without spaces or commas', ''),
    AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(30),
    AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  };
}

/**
 * The parsed auth variables, whatever else an app's config holds. `HOST` comes from
 * the listen settings: the development key is only allowed on a loopback address.
 *
 * @example
 * export class MobileBffConfig extends TypedConfig<z.output<typeof mobileBffConfigSchema>> {}
 * // MobileBffConfig is a TypedConfig<AuthConfig>, so authOptionsFromConfig accepts it.
 */
export interface AuthConfig {
  NODE_ENV: 'development' | 'test' | 'production';
  HOST?: string;
  AUTH_MODE?: 'development';
  AUTH_JWKS_URL?: string;
  AUTH_HS256_SECRET?: string;
  AUTH_ISSUER?: string;
  AUTH_AUDIENCE: string;
  AUTH_CLOCK_TOLERANCE_SECONDS: number;
  AUTH_ACCEPTED_TOKEN_TYPES: string[];
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: number;
  AUTH_ALLOWED_CLIENT_IDS: string[];
  AUTH_FAILURE_LIMIT: number;
  AUTH_FAILURE_WINDOW_SECONDS: number;
}

/**
 * Cross-variable rules: exactly one key source (a JWKS URL, a secret, or the
 * development mode); the development key only on a loopback address and never in
 * production; in production a JWKS URL over https and an explicit issuer, and never
 * an HS256 secret. Each issue names its variable, never its value.
 *
 * @example
 * z.object({ ...authConfigShape('mobile') }).superRefine(refineAuthConfig);
 */
export function refineAuthConfig(config: AuthConfig, context: z.RefinementCtx): void {
  for (const { path, message } of authConfigIssues(config)) context.addIssue({ code: 'custom', path, message });
}

/**
 * {@link AuthOptions} from an app's parsed config. It applies the same rules as
 * {@link refineAuthConfig} again, so a schema that forgot the refinement still
 * cannot start a gateway without a key, or a production gateway on the development secret.
 *
 * @example
 * AuthModule.forRootAsync({ inject: [WebBffConfig], useFactory: authOptionsFromConfig })
 */
export function authOptionsFromConfig(config: TypedConfig<AuthConfig>): AuthOptions {
  const values: AuthConfig = {
    NODE_ENV: config.get('NODE_ENV'),
    HOST: config.get('HOST'),
    AUTH_MODE: config.get('AUTH_MODE'),
    AUTH_JWKS_URL: config.get('AUTH_JWKS_URL'),
    AUTH_HS256_SECRET: config.get('AUTH_HS256_SECRET'),
    AUTH_ISSUER: config.get('AUTH_ISSUER'),
    AUTH_AUDIENCE: config.get('AUTH_AUDIENCE'),
    AUTH_CLOCK_TOLERANCE_SECONDS: config.get('AUTH_CLOCK_TOLERANCE_SECONDS'),
    AUTH_ACCEPTED_TOKEN_TYPES: config.get('AUTH_ACCEPTED_TOKEN_TYPES'),
    AUTH_MAX_TOKEN_LIFETIME_SECONDS: config.get('AUTH_MAX_TOKEN_LIFETIME_SECONDS'),
    AUTH_ALLOWED_CLIENT_IDS: config.get('AUTH_ALLOWED_CLIENT_IDS'),
    AUTH_FAILURE_LIMIT: config.get('AUTH_FAILURE_LIMIT'),
    AUTH_FAILURE_WINDOW_SECONDS: config.get('AUTH_FAILURE_WINDOW_SECONDS'),
  };
  const issues = authConfigIssues(values);
  if (issues.length > 0) throw new ConfigValidationError(issues);
  const common = {
    issuer: values.AUTH_ISSUER ?? DEV_AUTH.issuer,
    audience: values.AUTH_AUDIENCE,
    clockToleranceSeconds: values.AUTH_CLOCK_TOLERANCE_SECONDS,
    acceptedTokenTypes: values.AUTH_ACCEPTED_TOKEN_TYPES,
    maxTokenLifetimeSeconds: values.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    allowedClientIds: values.AUTH_ALLOWED_CLIENT_IDS,
    failures: { limit: values.AUTH_FAILURE_LIMIT, windowSeconds: values.AUTH_FAILURE_WINDOW_SECONDS },
  };
  if (values.AUTH_JWKS_URL !== undefined) return { ...common, jwksUrl: values.AUTH_JWKS_URL };
  // The rules above leave either a secret or the development mode.
  return { ...common, hs256Secret: values.AUTH_HS256_SECRET ?? DEV_AUTH.hs256Secret };
}

function authConfigIssues(config: AuthConfig): z.core.$ZodIssueCustom[] {
  const issues: z.core.$ZodIssueCustom[] = [];
  const issue = (variable: keyof AuthConfig, message: string) =>
    issues.push({ code: 'custom', path: [variable], message, input: undefined });
  const development = config.AUTH_MODE === 'development';
  const production = config.NODE_ENV === 'production';
  if (config.AUTH_JWKS_URL !== undefined && config.AUTH_HS256_SECRET !== undefined) {
    issue('AUTH_HS256_SECRET', 'set AUTH_JWKS_URL or AUTH_HS256_SECRET, not both');
  }
  if (development && (config.AUTH_JWKS_URL !== undefined || config.AUTH_HS256_SECRET !== undefined)) {
    issue('AUTH_MODE', 'AUTH_MODE=development selects the development key; it cannot be combined with AUTH_JWKS_URL or AUTH_HS256_SECRET');
  }
  if (!production && !development && config.AUTH_JWKS_URL === undefined && config.AUTH_HS256_SECRET === undefined) {
    issue(
      'AUTH_JWKS_URL',
      'no key to verify tokens with: set AUTH_JWKS_URL (with AUTH_ISSUER), or AUTH_HS256_SECRET, or AUTH_MODE=development for local development on a loopback HOST',
    );
  }
  const developmentKey = development || config.AUTH_HS256_SECRET === DEV_AUTH.hs256Secret;
  if (developmentKey && !LOOPBACK_HOST.test(config.HOST ?? '')) {
    issue(
      development ? 'AUTH_MODE' : 'AUTH_HS256_SECRET',
      'the development key is public and is refused unless HOST is a loopback address (127.0.0.1, ::1 or localhost)',
    );
  }
  if (!production) return issues;
  if (development) issue('AUTH_MODE', 'AUTH_MODE=development is refused when NODE_ENV=production');
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
