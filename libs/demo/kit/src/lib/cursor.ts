const PREFIX = 'o';
const DECODED = /^o(0|[1-9]\d{0,8})$/;
const ENCODED = /^[A-Za-z0-9_-]{1,16}$/;

/**
 * Turns a list offset into an opaque cursor. Callers must treat it as a token: the
 * format may change, and only {@link decodeCursor} reads it.
 *
 * @example
 * encodeCursor(20); // 'bzIw'
 */
export function encodeCursor(offset: number): string {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`Invalid offset ${offset}.`);
  return Buffer.from(PREFIX + offset).toString('base64url');
}

/**
 * The offset inside a cursor made by {@link encodeCursor}, or `undefined` when the
 * text is not one (tampered, truncated, or from another service).
 *
 * @example
 * decodeCursor(encodeCursor(20)); // 20
 * decodeCursor('not-a-cursor'); // undefined
 */
export function decodeCursor(cursor: string): number | undefined {
  if (!ENCODED.test(cursor)) return undefined;
  const match = DECODED.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  // Re-encoding must give the same text, so each offset has exactly one cursor.
  if (!match || encodeCursor(Number(match[1])) !== cursor) return undefined;
  return Number(match[1]);
}
