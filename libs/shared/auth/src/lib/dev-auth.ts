import devAuth from '../../dev-auth.json';

/** The BFF clients that have their own audience. */
export type BffClient = keyof typeof devAuth.audiences;

/**
 * Development token settings. They live in `dev-auth.json` because the token tool
 * (`npm run token`) reads the same file, so a minted token always matches what a
 * gateway started without auth variables expects.
 */
export const DEV_AUTH: {
  readonly issuer: string;
  readonly hs256Secret: string;
  readonly audiences: Readonly<Record<BffClient, string>>;
} = devAuth;
