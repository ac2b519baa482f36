/**
 * A gateway answer that is not a success: the RFC 9457 problem body the BFF sends
 * (`application/problem+json`), or a stand-in when the body is not one (a proxy's HTML
 * page, a cut connection), so an app handles every failure through one type.
 *
 * @example
 * try {
 *   await client.productDetails('42');
 * } catch (error) {
 *   if (error instanceof MobileBffProblem && error.code === 'RATE_LIMITED') showTryLater(error.retryAfterSeconds);
 * }
 */
export class MobileBffProblem extends Error {
  override readonly name = 'MobileBffProblem';

  constructor(
    /** The HTTP status; `0` when no answer arrived at all. */
    readonly status: number,
    /** The gateway's error code (`RATE_LIMITED`, `NOT_FOUND`, …), `NETWORK` or `UNEXPECTED_RESPONSE`. */
    readonly code: string,
    readonly detail: string | undefined,
    /** From `Retry-After`: how long the gateway asks the app to wait before trying again. */
    readonly retryAfterSeconds: number | undefined,
    /** The whole problem body, extensions (`reason`, `service`, …) included. */
    readonly body: Readonly<Record<string, unknown>> = {},
  ) {
    super(`${status} ${code}${detail === undefined ? '' : `: ${detail}`}`);
  }
}
