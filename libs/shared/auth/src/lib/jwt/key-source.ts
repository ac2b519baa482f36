import type { KeyObject } from 'node:crypto';
import type { JwtHeader } from './jwt-header';

/** The signature algorithms a gateway can be configured to accept. */
export type JwtAlgorithm = 'RS256' | 'ES256' | 'HS256';

/** A public key, or the raw bytes of an HMAC secret: what jsonwebtoken verifies with. */
export type VerificationKey = KeyObject | Buffer;

/**
 * Where verification keys come from. Each source states its own algorithm
 * allowlist, so the algorithm is fixed by configuration and never chosen by a token.
 */
export interface KeySource {
  readonly algorithms: readonly JwtAlgorithm[];
  /**
   * Changes whenever the source takes in a new set of keys. A verification made
   * under another generation is not reused, so a retired key stops working as soon
   * as the set without it arrives.
   */
  readonly generation: number;
  /**
   * The key for a token whose header names an allowed algorithm, as a `KeyObject`
   * (public keys, parsed once) or raw bytes (HMAC secret). Rejects with an `AuthChallengeError`.
   */
  keyFor(header: JwtHeader & { alg: JwtAlgorithm }): Promise<VerificationKey>;
}
