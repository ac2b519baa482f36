import { type FormEvent, useState } from 'react';
import type { ApiClient } from '../api/api.client';
import { ProblemNotice } from '../app/problem.notice';

/** Email and password against the BFF, which sets the session cookie; the password never leaves this form otherwise. */
export function SignInPage({ api, onSignedIn }: { api: ApiClient; onSignedIn: () => Promise<void> }) {
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await api.signIn(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
      await onSignedIn();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card narrow">
      <h1>Sign in</h1>
      <form className="form" onSubmit={(event) => void submit(event)} data-testid="sign-in-form">
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required maxLength={254} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required maxLength={1024} />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {error === undefined ? null : <SignInProblem error={error} />}
    </section>
  );
}

/** A refused sign-in is not "please sign in": say the credentials did not match. */
function SignInProblem({ error }: { error: unknown }) {
  const refused = typeof error === 'object' && error !== null && (error as { status?: number }).status === 401;
  return refused ? (
    <p className="problem" role="alert" data-testid="problem">
      The email or password is not right.
    </p>
  ) : (
    <ProblemNotice error={error} />
  );
}
