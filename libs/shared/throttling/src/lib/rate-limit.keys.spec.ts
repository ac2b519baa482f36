import type { ExecutionContext } from '@nestjs/common';
import { bodyField } from './body-field';
import { digest, narrowedKey, tierKey } from './rate-limit.keys';

const contextOf = (body: unknown) =>
  ({ getArgByIndex: (index: number) => (index === 0 ? { body } : undefined) }) as unknown as ExecutionContext;

describe('rate-limit keys', () => {
  it('keys a caller on a tier by concatenation, no hash per request', () => {
    expect(tierKey(contextOf({}), 'ip:10.0.0.7', 'default')).toBe('default:ip:10.0.0.7');
  });

  it('narrows a bucket by the hashed value, per caller or for every caller', () => {
    const byEmail = bodyField('email');
    const context = contextOf({ email: ' Alice@Example.com' });
    expect(narrowedKey(byEmail, true)(context, 'ip:10.0.0.7', 'login')).toBe(
      `login:ip:10.0.0.7:by:${digest('alice@example.com')}`,
    );
    expect(narrowedKey(byEmail, false)(context, 'ip:10.0.0.7', 'login-account')).toBe(
      `login-account:any:by:${digest('alice@example.com')}`,
    );
  });

  it('puts requests without the value into one bucket of their own', () => {
    expect(narrowedKey(bodyField('email'), true)(contextOf(undefined), 'ip:10.0.0.7', 'login')).toBe(
      `login:ip:10.0.0.7:by:${digest('')}`,
    );
  });

  it('hashes to 22 URL-safe characters', () => {
    expect(digest('alice@example.com')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
