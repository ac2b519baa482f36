import { DEMO_USER_COUNT, generateUsers } from './user.seed';

describe('generateUsers', () => {
  const users = generateUsers();

  it('seeds users "1" to "100", identically on every start', () => {
    expect(DEMO_USER_COUNT).toBe(100);
    expect(users.map((user) => user.id)).toEqual(Array.from({ length: 100 }, (_, i) => String(i + 1)));
    expect(generateUsers()).toEqual(users);
  });

  it('derives unique, deterministic emails from names and ids', () => {
    for (const user of users) {
      const [first = '', last = ''] = user.name.toLowerCase().replace(/[^a-z ]/g, '').split(' ', 2);
      expect(user.email.startsWith(`${first}.${last}`)).toBe(true);
      expect(user.email).toMatch(new RegExp(`^[a-z]+\\.[a-z]+${user.id}@example\\.com$`));
    }
    expect(new Set(users.map((user) => user.email)).size).toBe(100);
  });

  it('gives every user a plausible address and sign-up date', () => {
    const countries = new Set(users.map((user) => user.address.country));
    expect(countries.size).toBeGreaterThanOrEqual(4);
    for (const { address, createdAt } of users) {
      expect(address.line1).toMatch(/\d/);
      expect(address.city).not.toBe('');
      const postalCodes: Record<string, RegExp> = {
        US: /^\d{5}$/,
        DE: /^\d{5}$/,
        FR: /^\d{5}$/,
        GB: /^[A-Z]{2}\d{1,2} \d[A-Z]{2}$/,
        CA: /^[A-Z]\d[A-Z] \d[A-Z]\d$/,
      };
      expect(address.postalCode).toMatch(postalCodes[address.country] ?? /^$/);
      expect(new Date(createdAt).toISOString()).toBe(createdAt);
    }
  });
});
