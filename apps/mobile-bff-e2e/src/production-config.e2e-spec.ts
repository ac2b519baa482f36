import { AppProcess } from '@bff/testing';

/** What a start attempt printed before it ended; `started` when the app came up after all. */
async function startAttempt(env: Record<string, string>): Promise<string> {
  try {
    const app = await AppProcess.start('mobile-bff', { NODE_ENV: 'production', ...env });
    await app.stop();
    return 'started';
  } catch (error) {
    return (error as Error).message;
  }
}

const SECRET = 'a-development-secret-that-is-long-enough-0123456789';
const JWKS = 'https://idp.example/.well-known/jwks.json';
const ISSUER = 'https://idp.example/';

const CASES: [label: string, variable: string, env: Record<string, string>][] = [
  ['an HS256 secret', 'AUTH_HS256_SECRET', { AUTH_HS256_SECRET: SECRET, AUTH_ISSUER: ISSUER }],
  ['no JWKS URL', 'AUTH_JWKS_URL', { AUTH_ISSUER: ISSUER }],
  ['a JWKS URL over http', 'AUTH_JWKS_URL', { AUTH_JWKS_URL: 'http://idp.example/jwks', AUTH_ISSUER: ISSUER }],
  ['no issuer', 'AUTH_ISSUER', { AUTH_JWKS_URL: JWKS }],
];

describe('mobile-bff started with NODE_ENV=production and an unsafe auth configuration', () => {
  const outcomes = new Map<string, string>();

  // The attempts are independent processes: start them together rather than one by one.
  beforeAll(async () => {
    const ended = await Promise.all(CASES.map(([, , env]) => startAttempt(env)));
    CASES.forEach(([label], i) => outcomes.set(label, ended[i] ?? ''));
  });

  it.each(CASES)('refuses to start with %s: exits non-zero naming %s, printing no value', (label, variable) => {
    const outcome = outcomes.get(label) ?? '';

    expect(outcome).toMatch(/exited \([1-9]\d*\) before it was ready/);
    expect(outcome).toMatch(new RegExp(`FATAL.*Invalid configuration:[\\s\\S]*- ${variable}: `));
    expect(outcome).not.toContain(SECRET);
  });
});
