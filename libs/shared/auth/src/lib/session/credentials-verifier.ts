/**
 * Checks an email and password. The web gateway binds it to the user service
 * (`POST /credentials/verify`) or to an identity provider's token endpoint.
 *
 * @example
 * const credentials: CredentialsVerifier = {
 *   verify: (email, password) => users.verifyCredentials({ email, password }),
 * };
 */
export interface CredentialsVerifier {
  /** The user id, or `null` for an unknown email and a wrong password alike. */
  verify(email: string, password: string): Promise<{ userId: string } | null>;
}
