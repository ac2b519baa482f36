import { hashPassword, verifyPassword } from './password-hash';

describe('password hashes', () => {
  it('verify the password they were made from, and nothing else', async () => {
    const hash = await hashPassword('demo-password');
    await expect(verifyPassword('demo-password', hash)).resolves.toBe(true);
    await expect(verifyPassword('demo-passwore', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('salt every hash, so equal passwords give different digests', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a.salt.equals(b.salt)).toBe(false);
    expect(a.digest.equals(b.digest)).toBe(false);
  });
});
