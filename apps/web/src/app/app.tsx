import { useCallback, useEffect, useState } from 'react';
import { ApiClient } from '../api/api.client';
import { AccountPage } from '../account/account.page';
import { SignInPage } from '../account/sign-in.page';
import { ProductPage } from '../product/product.page';
import { HOME, hrefOf } from '../routing/hash-route';
import { type Session, sessionFrom } from '../session/session';
import { ProblemNotice } from './problem.notice';
import { useHashRoute } from './use-hash-route';

const api = new ApiClient();

/** The shell: who is signed in (restored from the cookie on load), the header, and the current page. */
export function App() {
  const route = useHashRoute();
  // undefined while /auth/me is answering: nothing that depends on the session is shown yet.
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [signOutError, setSignOutError] = useState<unknown>(undefined);

  const restore = useCallback(async () => {
    try {
      setSession(sessionFrom(await api.me()));
    } catch {
      setSession(null);
    }
  }, []);

  useEffect(() => {
    void restore();
  }, [restore]);

  /** A 401 means the session is gone: forget it and ask to sign in, then come back here. */
  const onUnauthorized = useCallback(() => {
    setSession(null);
    window.location.hash = hrefOf({ page: 'sign-in', next: window.location.hash || hrefOf(HOME) });
  }, []);

  const signOut = async () => {
    if (!session) return;
    setSignOutError(undefined);
    try {
      await api.signOut(session.csrfToken);
      setSession(null);
    } catch (error) {
      setSignOutError(error);
    }
  };

  return (
    <div className="shell">
      <header className="header">
        <a className="brand" href={hrefOf(HOME)}>
          Shop
        </a>
        <nav className="nav" aria-label="Account">
          {session === undefined ? null : session ? (
            <>
              <a href={hrefOf({ page: 'account' })} data-testid="account-link">
                {session.name ?? 'Account'}
              </a>
              <button type="button" onClick={() => void signOut()} data-testid="sign-out">
                Sign out
              </button>
            </>
          ) : (
            <a href={hrefOf({ page: 'sign-in', next: window.location.hash || hrefOf(HOME) })} data-testid="sign-in-link">
              Sign in
            </a>
          )}
        </nav>
      </header>
      {signOutError === undefined ? null : <ProblemNotice error={signOutError} />}
      <main className="main">
        {route.page === 'product' ? (
          <ProductPage
            key={route.productId}
            api={api}
            productId={route.productId}
            session={session}
            onUnauthorized={onUnauthorized}
          />
        ) : route.page === 'account' ? (
          <AccountPage api={api} session={session} onUnauthorized={onUnauthorized} />
        ) : route.page === 'sign-in' ? (
          <SignInPage
            api={api}
            onSignedIn={async () => {
              await restore();
              window.location.hash = route.next ?? hrefOf(HOME);
            }}
          />
        ) : (
          <p>
            There is no such page. <a href={hrefOf(HOME)}>See a product</a>.
          </p>
        )}
      </main>
    </div>
  );
}
