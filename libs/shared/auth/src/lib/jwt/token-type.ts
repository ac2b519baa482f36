/**
 * The `typ` an access token must carry by default (RFC 9068 §2.1). Issuers that
 * sign ID tokens and access tokens with the same key tell them apart by it, so a
 * gateway that ignored `typ` would take an ID token for an access token.
 */
export const ACCESS_TOKEN_TYPES: readonly string[] = ['at+jwt', 'application/at+jwt'];

/**
 * The accepted `typ` values of a token header, compared as media types: RFC 7515
 * §4.1.9 lets issuers drop the `application/` prefix, and media types are
 * case-insensitive. Built once per gateway; each check is a lowercase and a set lookup.
 *
 * @example
 * const types = new TokenTypes(['at+jwt']);
 * types.accepts('application/AT+JWT'); // true
 * types.accepts('JWT'); // false
 */
export class TokenTypes {
  private readonly accepted: ReadonlySet<string>;

  constructor(types: readonly string[]) {
    this.accepted = new Set(types.map(normalized));
  }

  accepts(typ: unknown): boolean {
    return typeof typ === 'string' && this.accepted.has(normalized(typ));
  }
}

function normalized(type: string): string {
  const lower = type.trim().toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}
