import { ConfigModule, ConfigValidationError, loadConfig, TypedConfig, type Environment } from '@bff/config';
import { Test } from '@nestjs/testing';
import { z } from 'zod';
import devAuth from '../../dev-auth.json';
import { type AuthConfig, authConfigShape, authOptionsFromConfig, refineAuthConfig } from './auth-config.schema';
import { AuthModule } from './auth.module';

const webSchema = z.object({ ...authConfigShape('web') }).superRefine(refineAuthConfig);
const mobileSchema = z.object({ ...authConfigShape('mobile') }).superRefine(refineAuthConfig);
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
  it('starts with no variables on the development secret and issuer, with each gateway\'s own audience', () => {
    expect(optionsFor({})).toEqual({
      issuer: devAuth.issuer,
      audience: 'web-bff',
      clockToleranceSeconds: 30,
      hs256Secret: devAuth.hs256Secret,
    });
    expect(optionsFor({}, mobileSchema)).toMatchObject({ audience: 'mobile-bff' });
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
    ).toEqual({ issuer: 'https://id.example.com/', audience: 'web-bff-prod', clockToleranceSeconds: 10, jwksUrl: JWKS });
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
    expect(messageOf(() => loadConfig(webSchema, { AUTH_CLOCK_TOLERANCE_SECONDS: '-1' }))).toContain('AUTH_CLOCK_TOLERANCE_SECONDS');
  });

  it('still refuses the development secret in production when a schema forgot the refinement', () => {
    const unrefined = z.object({ ...authConfigShape('web') });
    const config = new TypedConfig<AuthConfig>(loadConfig(unrefined, { NODE_ENV: 'production' }));
    expect(messageOf(() => authOptionsFromConfig(config))).toContain('AUTH_JWKS_URL is required');
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
