import type { User } from '@bff/downstream-contracts';
import { Prng } from '@bff/demo-kit';
import { ADDRESS_STYLES, FIRST_NAMES, LAST_NAMES } from './user-vocabulary';

export const DEMO_USER_COUNT = 100;

const FIRST_SIGN_UP = Date.UTC(2019, 0, 1);
const LAST_SIGN_UP = Date.UTC(2025, 5, 30);

/**
 * Users "1" to "100", identical on every start. The id in each email
 * (`ada.lovelace1@example.com`) keeps emails unique when names repeat.
 */
export function generateUsers(seed = 'users'): User[] {
  const random = new Prng(seed);
  return Array.from({ length: DEMO_USER_COUNT }, (_, index): User => {
    const id = String(index + 1);
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const style = random.weighted(ADDRESS_STYLES);
    return {
      id,
      name: `${firstName} ${lastName}`,
      email: `${emailPart(firstName)}.${emailPart(lastName)}${id}@example.com`,
      address: {
        line1: style.line1(random.int(1, 240), random.pick(style.streets)),
        city: random.pick(style.cities),
        postalCode: style.postalCode(random),
        country: style.country,
      },
      createdAt: random.isoDate(FIRST_SIGN_UP, LAST_SIGN_UP),
    };
  });
}

/** `van Rossum` → `vanrossum`, `O'Neill` → `oneill`. */
function emailPart(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}
