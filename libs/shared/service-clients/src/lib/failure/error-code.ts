/**
 * The code that says why a call failed: the wrapped system error's code when
 * axios's own is generic (e.g. `ERR_BAD_RESPONSE` around an `ECONNRESET`).
 *
 * @example
 * codeOf(axiosError); // 'ECONNRESET'
 */
export function codeOf(error: { code?: string; cause?: unknown }): string | undefined {
  const own = error.code;
  const cause = error.cause as { code?: unknown } | undefined;
  if (own && !own.startsWith('ERR_')) return own;
  return typeof cause?.code === 'string' ? cause.code : own;
}
