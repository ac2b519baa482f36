import type { WebMe } from '@bff/web-contracts';
import { sessionFrom } from './session';

describe('sessionFrom', () => {
  const me: WebMe = { sub: '1', via: 'session', scopes: ['reviews:write'], csrfToken: 'c1' };

  it('keeps the CSRF token /auth/me hands back, so a reload can still write', () => {
    expect(sessionFrom(me)).toEqual({ sub: '1', name: undefined, csrfToken: 'c1' });
  });

  it('takes the name from the profile', () => {
    const profile = { id: '1', name: 'Ada', email: 'a@example.com', address: { line1: 'x', city: 'y', postalCode: 'z', country: 'GB' }, createdAt: '2024-01-01T00:00:00Z' };
    expect(sessionFrom({ ...me, profile })?.name).toBe('Ada');
  });

  it('is signed out without a session', () => {
    expect(sessionFrom(null)).toBeNull();
    expect(sessionFrom({ sub: '1', via: 'bearer', scopes: [] })).toBeNull();
    expect(sessionFrom({ sub: '1', via: 'session', scopes: [] })).toBeNull();
  });
});
