/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * Names whose value is a credential: the headers that carry one, and any field or
 * variable named like a password, secret, token or API key (`csrfToken`,
 * `AUTH_HS256_SECRET`, `x-api-key`).
 */
const SECRET_NAME = String.raw`(?:proxy-)?authorization|(?:set-)?cookie|[\w-]*(?:password|passwd|secret|token|api[-_]?key)[\w-]*`;
const SECRET_KEY = new RegExp(String.raw`^(?:${SECRET_NAME})$`, 'i');

/** `name: "value"`, `"name":"value"`, `name='value'` (JSON, `util.inspect`, code). */
const QUOTED = new RegExp(String.raw`(["']?)\b(${SECRET_NAME})\1(\s*[:=]\s*)(["'])(?:\\.|(?!\4)[^\\])*\4`, 'gi');
/** `name: [ 'a', 'b' ]`: a header sent more than once, as `util.inspect` prints it. */
const LISTED = new RegExp(String.raw`(["']?)\b(${SECRET_NAME})\1(\s*[:=]\s*)\[[^\]]*\]`, 'gi');
/** `Name: value` to the end of the line, `name=value` to the next `&` or `,`: headers, query strings, env. */
const BARE = new RegExp(String.raw`\b(${SECRET_NAME})(\s*[:=]\s*)(?![\s"'\[{]|\[REDACTED\])[^\r\n,&]+`, 'gi');
/** Credentials that give themselves away wherever they stand. */
const SCHEME = /\b(Bearer|Basic)\s+[\w\-.~+/]+=*/gi;
const JWT = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;

/**
 * Blanks out credentials in a log line: the values of `Authorization`, `Cookie`,
 * `Set-Cookie`, and of anything named like a password, secret, token or API key, in
 * header, JSON, `util.inspect`, query-string and env syntax; plus any `Bearer` or
 * `Basic` credential and anything shaped like a JWT. Log lines are rare (the happy
 * path logs nothing), so the regular expressions cost nothing that matters.
 *
 * @example
 * redactSecrets('authorization: Bearer eyJhbGciOi.x.y'); // 'authorization: [REDACTED]'
 * redactSecrets('{"email":"a@b.c","password":"hunter2"}'); // '{"email":"a@b.c","password":"[REDACTED]"}'
 */
export function redactSecrets(text: string): string {
  return text
    .replace(QUOTED, `$1$2$1$3$4${REDACTED}$4`)
    .replace(LISTED, `$1$2$1$3${REDACTED}`)
    .replace(BARE, `$1$2${REDACTED}`)
    .replace(SCHEME, `$1 ${REDACTED}`)
    .replace(JWT, REDACTED);
}

/**
 * {@link redactSecrets} for anything handed to a logger: strings are redacted, and
 * plain objects and arrays are copied with the value of every secret-named key
 * blanked out (to a depth of 8; deeper structure is dropped rather than risked).
 *
 * @example
 * redactValue({ headers: { cookie: 'sid=1' }, path: '/x' }); // { headers: { cookie: '[REDACTED]' }, path: '/x' }
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= 8) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Error) return redactSecrets(value.stack ?? `${value.name}: ${value.message}`);
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SECRET_KEY.test(key) ? REDACTED : redactValue(item, depth + 1);
  }
  return copy;
}
