import type { Address } from '@bff/downstream-contracts';

/**
 * `GET /users/:userId` on the mobile BFF: the profile fields the app shows, nothing
 * more.
 *
 * @example
 * const me: MobileUser = await (await fetch('/users/1')).json();
 */
export interface MobileUser {
  id: string;
  name: string;
  email: string;
  address: Address;
}
