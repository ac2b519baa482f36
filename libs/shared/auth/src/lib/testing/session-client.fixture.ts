import type { AuthenticatedUser } from '../authenticated-user';
import type { CredentialsVerifier } from '../session/credentials-verifier';
import type { TestApp } from './test-app.fixture';

export const DEMO_PASSWORD = 'demo-password';

/** The credential port as the user service answers it: two demo users with the demo password. */
export const demoUsers: CredentialsVerifier = {
  verify(email, password) {
    const userId = { 'ada@example.com': '1', 'grace@example.com': '2' }[email];
    return Promise.resolve(userId !== undefined && password === DEMO_PASSWORD ? { userId } : null);
  },
};

/** What the web gateway would fetch from the user service for `/auth/me`. */
export function demoProfile(user: AuthenticatedUser): Promise<unknown> {
  return Promise.resolve({ id: user.sub, name: user.sub === '1' ? 'Ada Lovelace' : 'Someone Else' });
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  setCookie: string;
}

/** Signs in like the browser app does and returns what the browser would keep. */
export async function signIn(app: TestApp, email = 'ada@example.com'): Promise<SignedIn> {
  const response = await app.fetch('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed with ${response.status}`);
  const [setCookie] = response.headers.getSetCookie();
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { setCookie, cookie: setCookie.split(';')[0], csrfToken };
}
