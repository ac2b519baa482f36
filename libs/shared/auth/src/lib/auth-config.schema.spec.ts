import { ConfigModule, ConfigValidationError, loadConfig, TypedConfig, type Environment } from '@bff/config';
import { Test } from '@nestjs/testing';
import { z } from 'zod';
import devAuth from '../../dev-auth.json';
import { type AuthConfig, authConfigShape, authOptionsFromConfig, refineAuthConfig } from './auth-config.schema';
import { AuthModule } from './auth.module';

const listen = { HOST: z.string().default('127.0.0.1') };
const webSchema = z.object({ ...listen, ...authConfigShape('web') }).superRefine(refineAuthConfig);
const mobileSchema = z.object({ ...listen, ...authConfigShape('mobile') }).superRefine(refineAuthConfig);
const DEV = { AUTH_MODE: 'development' };
/** What every gateway gets unless told otherwise. */
const DEFAULT_OPTIONS = {
  clockToleranceSeconds: 30,
  acceptedTokenTypes: ['at+jwt', 'application/at+jwt'],
  maxTokenLifetimeSeconds: 86_400,
  allowedClientIds: [],
  failures: { limit: 30, windowSeconds: 60 },
};
const optionsFor = (env: Environment, schema = webSchema) => authOptionsFromConfig(new TypedConfig(loadConfig(schema, env)));

const SECRET = 'a-32-character-secret-for-tests!!';
const JWKS = 'https://id.example.com/.well-known/jwks.json';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('auth configuration', () => {
  it('refuses to start without any key, naming the variables that would give it one', () => {
    const message = messageOf(() => loadConfig(webSchema, {}));
    expect(message).toContain('AUTH_JWKS_URL');
    expect(message).toContain('AUTH_HS256_SECRET');
    expect(message).toContain('AUTH_MODE=development');
    for (const env of [{ NODE_ENV: 'test' }, { NODE_ENV: 'development' }, { AUTH_MODE: '' }]) {
      expect(messageOf(() => loadConfig(webSchema, env))).toContain('no key to verify tokens with');
    }
  });

  it('uses the development secret and issuer with AUTH_MODE=development on loopback, with each gateway\'s own audience', () => {
    expect(optionsFor(DEV)).toEqual({
      ...DEFAULT_OPTIONS,
      issuer: devAuth.issuer,
      audience: 'web-bff',
      hs256Secret: devAuth.hs256Secret,
    });
    expect(optionsFor(DEV, mobileSchema)).toMatchObject({ audience: 'mobile-bff' });
    for (const HOST of ['127.0.0.1', '127.0.0.2', '::1', 'localhost', 'LOCALHOST']) {
      expect(optionsFor({ ...DEV, HOST })).toMatchObject({ hs256Secret: devAuth.hs256Secret });
    }
  });

  it.each(['0.0.0.0', '::', '10.0.0.5', 'bff.internal', '127.0.0.1.example.com'])(
    'refuses the development key on HOST=%s, whether chosen by AUTH_MODE or pasted into AUTH_HS256_SECRET',
    (HOST) => {
      const byMode = messageOf(() => loadConfig(webSchema, { ...DEV, HOST }));
      expect(byMode).toContain('AUTH_MODE');
      expect(byMode).toContain('loopback');
      const bySecret = messageOf(() => loadConfig(webSchema, { AUTH_HS256_SECRET: devAuth.hs256Secret, HOST }));
      expect(bySecret).toContain('AUTH_HS256_SECRET');
      expect(bySecret).not.toContain(devAuth.hs256Secret);
    },
  );

  it('refuses AUTH_MODE=development in production, and next to a real key', () => {
    expect(messageOf(() => loadConfig(webSchema, { ...DEV, NODE_ENV: 'production' }))).toContain(
      'AUTH_MODE=development is refused when NODE_ENV=production',
    );
    expect(messageOf(() => loadConfig(webSchema, { ...DEV, AUTH_HS256_SECRET: SECRET }))).toContain('cannot be combined');
    expect(messageOf(() => loadConfig(webSchema, { ...DEV, AUTH_JWKS_URL: JWKS }))).toContain('cannot be combined');
    expect(messageOf(() => loadConfig(webSchema, { AUTH_MODE: 'dev' }))).toContain('AUTH_MODE');
  });

  it('accepts an explicit secret on any host outside production', () => {
    expect(optionsFor({ AUTH_HS256_SECRET: SECRET, HOST: '0.0.0.0' })).toMatchObject({ hs256Secret: SECRET });
  });

  it('reads the token rules and the failure budget', () => {
    expect(
      optionsFor({
        ...DEV,
        AUTH_ACCEPTED_TOKEN_TYPES: 'at+jwt, JWT',
        AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600',
        AUTH_ALLOWED_CLIENT_IDS: 'web-app,partner-42',
        AUTH_FAILURE_LIMIT: '5',
        AUTH_FAILURE_WINDOW_SECONDS: '120',
      }),
    ).toMatchObject({
      acceptedTokenTypes: ['at+jwt', 'JWT'],
      maxTokenLifetimeSeconds: 3_600,
      allowedClientIds: ['web-app', 'partner-42'],
      failures: { limit: 5, windowSeconds: 120 },
    });
  });

  it.each([
    ['AUTH_ACCEPTED_TOKEN_TYPES', ''],
    ['AUTH_ACCEPTED_TOKEN_TYPES', 'at+jwt,not a type'],
    ['AUTH_MAX_TOKEN_LIFETIME_SECONDS', '0'],
    ['AUTH_MAX_TOKEN_LIFETIME_SECONDS', 'a day'],
    ['AUTH_ALLOWED_CLIENT_IDS', 'web app'],
    ['AUTH_FAILURE_LIMIT', '0'],
    ['AUTH_FAILURE_WINDOW_SECONDS', '-1'],
  ])('refuses %s=%j, naming it', (variable, value) => {
    expect(messageOf(() => loadConfig(webSchema, { ...DEV, [variable]: value }))).toContain(variable);
  });

  it('uses a JWKS URL with the configured issuer, audience and tolerance', () => {
    expect(
      optionsFor({
        NODE_ENV: 'production',
        AUTH_JWKS_URL: JWKS,
        AUTH_ISSUER: 'https://id.example.com/',
        AUTH_AUDIENCE: 'web-bff-prod',
        AUTH_CLOCK_TOLERANCE_SECONDS: '10',
      }),
    ).toEqual({ ...DEFAULT_OPTIONS, issuer: 'https://id.example.com/', audience: 'web-bff-prod', clockToleranceSeconds: 10, jwksUrl: JWKS });
  });

  it('refuses an HS256 secret when NODE_ENV=production, naming the variable but not its value', () => {
    const message = messageOf(() =>
      loadConfig(webSchema, { NODE_ENV: 'production', AUTH_HS256_SECRET: SECRET, AUTH_ISSUER: 'https://id.example.com/' }),
    );
    expect(message).toContain('AUTH_HS256_SECRET');
    expect(message).toContain('NODE_ENV=production');
    expect(message).not.toContain(SECRET);
  });

  it.each([
    ['no JWKS URL', { NODE_ENV: 'production', AUTH_ISSUER: 'https://id.example.com/' }, 'AUTH_JWKS_URL is required'],
    ['a plain-http JWKS URL', { NODE_ENV: 'production', AUTH_ISSUER: 'x', AUTH_JWKS_URL: 'http://id/jwks' }, 'must use https'],
    ['no issuer', { NODE_ENV: 'production', AUTH_JWKS_URL: JWKS }, 'AUTH_ISSUER is required'],
  ])('refuses production with %s', (_label, env, expected) => {
    expect(messageOf(() => loadConfig(webSchema, env))).toContain(expected);
  });

  it('refuses both a JWKS URL and a secret', () => {
    expect(messageOf(() => loadConfig(webSchema, { AUTH_JWKS_URL: JWKS, AUTH_HS256_SECRET: SECRET }))).toContain('not both');
  });

  it('refuses a short secret and a tolerance out of range', () => {
    expect(messageOf(() => loadConfig(webSchema, { AUTH_HS256_SECRET: 'short' }))).toContain('AUTH_HS256_SECRET');
    expect(messageOf(() => loadConfig(webSchema, { ...DEV, AUTH_CLOCK_TOLERANCE_SECONDS: '-1' }))).toContain('AUTH_CLOCK_TOLERANCE_SECONDS');
  });

  it('still refuses the development secret in production, or without a key, when a schema forgot the refinement', () => {
    const unrefined = z.object({ ...listen, ...authConfigShape('web') });
    const production = new TypedConfig<AuthConfig>(loadConfig(unrefined, { NODE_ENV: 'production' }));
    expect(messageOf(() => authOptionsFromConfig(production))).toContain('AUTH_JWKS_URL is required');
    const keyless = new TypedConfig<AuthConfig>(loadConfig(unrefined, {}));
    expect(messageOf(() => authOptionsFromConfig(keyless))).toContain('no key to verify tokens with');
    const exposed = new TypedConfig<AuthConfig>(loadConfig(unrefined, { ...DEV, HOST: '0.0.0.0' }));
    expect(messageOf(() => authOptionsFromConfig(exposed))).toContain('loopback');
  });

  it('stops a gateway from starting with an HS256 secret in production', async () => {
    const schema = z.object({ PORT: z.coerce.number().default(0), ...authConfigShape('mobile') }).superRefine(refineAuthConfig);
    class MobileConfig extends TypedConfig<z.output<typeof schema>> {}
    const env = { NODE_ENV: 'production', AUTH_HS256_SECRET: SECRET, AUTH_ISSUER: 'https://id.example.com/' };
    const compiling = Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ schema, token: MobileConfig, env }),
        AuthModule.forRootAsync({ inject: [MobileConfig], useFactory: authOptionsFromConfig }),
      ],
    }).compile();
    await expect(compiling).rejects.toThrow(ConfigValidationError);
    await expect(compiling).rejects.toThrow(/AUTH_HS256_SECRET/);
  });
});
