import type { User } from '@bff/downstream-contracts';

/**
 * `GET /users/:userId` on the web BFF: the full profile for the account page.
 *
 * @example
 * const user: WebUser = await (await fetch('/users/1')).json();
 */
export type WebUser = User;
