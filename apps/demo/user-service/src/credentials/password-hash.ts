import { type BinaryLike, type ScryptOptions, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** A salted scrypt digest; the password itself is never kept. */
export interface PasswordHash {
  salt: Buffer;
  digest: Buffer;
}

/**
 * scrypt with N = 2^10 (1 MiB per hash): demo-grade on purpose. Every start hashes
 * all 100 demo accounts, which at N = 2^12 already took seconds on a busy two-core
 * machine. A real user store keeps its hashes across starts and uses N >= 2^17.
 */
const COST: ScryptOptions = { N: 2 ** 10, r: 8, p: 1 };
const DIGEST_BYTES = 32;
const SALT_BYTES = 16;

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(SALT_BYTES);
  return { salt, digest: await derive(password, salt) };
}

/** Compares in constant time, so how much of a guess matched never shows in timing. */
export async function verifyPassword(password: string, hash: PasswordHash): Promise<boolean> {
  return timingSafeEqual(await derive(password, hash.salt), hash.digest);
}

/** The async form runs on libuv's thread pool and keeps the event loop free. */
function derive(password: BinaryLike, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, DIGEST_BYTES, COST, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
