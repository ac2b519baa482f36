import type { User } from '@bff/downstream-contracts';
import { toWebUser } from './web-user.mapper';

describe('toWebUser', () => {
  const user: User = {
    id: '1',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    address: { line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
    createdAt: '2024-01-01T00:00:00.000Z',
  };

  it('keeps every field of the contract', () => {
    expect(toWebUser(user)).toEqual(user);
  });

  it('drops fields the user service adds, at the top level and inside the address', () => {
    const downstream = {
      ...user,
      passwordHash: 'scrypt$...',
      internalFlags: ['fraud-review'],
      address: { ...user.address, geo: { lat: 51.5, lon: -0.13 } },
    };
    expect(toWebUser(downstream)).toEqual(user);
  });
});
