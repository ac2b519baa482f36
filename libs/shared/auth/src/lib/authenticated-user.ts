/**
 * The verified caller of a request, as the auth guard leaves it on `request.user`.
 *
 * @example
 * @Get('orders')
 * list(@CurrentUser() user: AuthenticatedUser) {
 *   return this.orders.listFor(user.sub);
 * }
 */
export interface AuthenticatedUser {
  /** The user id (`sub` claim, or the user a browser session was created for). */
  sub: string;
  /** Granted scopes; a browser session carries the ones its app grants first-party sessions (web: `reviews:write`). */
  scopes: readonly string[];
  /** OAuth client the token was issued to (`client_id` or `azp` claim), when the token says. */
  client?: string;
  /** How the caller proved who they are. */
  via: 'bearer' | 'session';
}
