import { useEffect, useState } from 'react';
import type { WebUser } from '@bff/web-contracts';
import type { ApiClient } from '../api/api.client';
import { ApiError } from '../api/api.error';
import { ProblemNotice } from '../app/problem.notice';
import type { Session } from '../session/session';

interface AccountPageProps {
  api: ApiClient;
  session: Session | null | undefined;
  onUnauthorized: () => void;
}

/** The signed-in user's profile, from `GET /users/:id` (the BFF lets each user read only their own). */
export function AccountPage({ api, session, onUnauthorized }: AccountPageProps) {
  const [user, setUser] = useState<WebUser | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    if (session === undefined) return;
    if (session === null) return onUnauthorized();
    let current = true;
    api.user(session.sub).then(
      (loaded) => current && setUser(loaded),
      (failure: unknown) => {
        if (!current) return;
        if (failure instanceof ApiError && failure.status === 401) onUnauthorized();
        else setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, [api, session, onUnauthorized]);

  if (error !== undefined) return <ProblemNotice error={error} />;
  if (user === undefined) return <p className="loading">Loading your account…</p>;
  return (
    <section className="card narrow" data-testid="account">
      <h1>{user.name}</h1>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Address</dt>
        <dd>
          {user.address.line1}, {user.address.postalCode} {user.address.city}, {user.address.country}
        </dd>
        <dt>Customer since</dt>
        <dd>{new Date(user.createdAt).toLocaleDateString('en-GB', { year: 'numeric', month: 'long', day: 'numeric' })}</dd>
      </dl>
    </section>
  );
}
