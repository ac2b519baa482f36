import type { User } from '@bff/downstream-contracts';
import type { WebUser } from '@bff/web-contracts';

/**
 * The web contract of a user, field by field: whatever else the user service
 * sends (a password hash, an internal flag) stops here instead of reaching a browser.
 */
export function toWebUser(user: User): WebUser {
  const { id, name, email, address, createdAt } = user;
  const { line1, city, postalCode, country } = address;
  return { id, name, email, address: { line1, city, postalCode, country }, createdAt };
}
