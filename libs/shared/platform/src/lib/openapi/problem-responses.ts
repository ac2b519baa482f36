import { type ErrorCode, PROBLEM_CONTENT_TYPE, errorCatalogue, problemType } from '@bff/problem';

type Schema = Record<string, unknown>;

/**
 * Problems any gateway route may answer, whatever it does: a malformed request or
 * `Host`, a client too slow to send its request or sending headers over Node's limit,
 * a rate limit spent, a bug, and admission control turning the request away.
 */
export const EDGE_PROBLEMS: readonly ErrorCode[] = [
  'BAD_REQUEST',
  'REQUEST_TIMEOUT',
  'HEADERS_TOO_LARGE',
  'RATE_LIMITED',
  'INTERNAL',
  'OVERLOADED',
];

/** The RFC 9457 problem every error is sent as; its `code` is one of the catalogue's. */
export const PROBLEM_SCHEMA: Schema = {
  type: 'object',
  description:
    'An RFC 9457 problem. Switch on `code`; further members (`parameter`, `reason`, `service`, …) may follow.',
  properties: {
    type: { type: 'string', description: '`urn:bff:problem:` and the code in kebab case.' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { enum: Object.keys(errorCatalogue) },
  },
  required: ['type', 'title', 'status', 'code'],
};

/** Response headers the gateways send, as `components.headers`. */
export const RESPONSE_HEADERS = {
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 0 },
  },
  RateLimit: {
    description:
      'Requests left under each policy of the route’s tier (draft-ietf-httpapi-ratelimit-headers): `"burst";r=29;t=1`.',
    schema: { type: 'string' },
  },
  'RateLimit-Policy': {
    description: 'The tier’s policies: `"burst";q=30;w=1, "minute";q=900;w=60`.',
    schema: { type: 'string' },
  },
  ETag: { description: 'The representation’s tag, for `If-None-Match`.', schema: { type: 'string' } },
  'Cache-Control': {
    description: 'How long the response may be reused, and by whom.',
    schema: { type: 'string' },
  },
  Vary: { description: 'The request headers the response depends on.', schema: { type: 'string' } },
  'x-cache': {
    description: 'How the gateway’s response cache answered.',
    schema: { enum: ['HIT', 'MISS', 'STALE', 'BYPASS'] },
  },
  'x-bff-degraded': {
    description:
      'Present when optional parts are `unavailable`: their names, comma separated (`reviews, delivery`).',
    schema: { type: 'string' },
  },
  'WWW-Authenticate': {
    description: 'The bearer challenge: `Bearer error="invalid_token"` and its reason.',
    schema: { type: 'string' },
  },
  Location: {
    description: 'Where to follow the accepted operation: `/operations/{id}`.',
    schema: { type: 'string' },
  },
  'Set-Cookie': {
    description: 'The session cookie `__Host-bff_session` (HttpOnly, Secure, SameSite=Strict, Path=/).',
    schema: { type: 'string' },
  },
} as const satisfies Readonly<Record<string, Schema>>;

/** The name of a response header the gateways describe. */
export type ResponseHeader = keyof typeof RESPONSE_HEADERS;

/**
 * `{ Name: { $ref } }` for each named response header of {@link RESPONSE_HEADERS}.
 *
 * @example
 * ApiOkResponse({ schema, headers: headerRefs('ETag', 'Cache-Control') })
 */
export function headerRefs(...names: ResponseHeader[]): Record<string, { $ref: string }> {
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}

/** Headers that come with a problem of each status. */
const PROBLEM_HEADERS: Readonly<Record<number, readonly ResponseHeader[]>> = {
  401: ['WWW-Authenticate'],
  403: ['WWW-Authenticate'],
  429: ['Retry-After', 'RateLimit', 'RateLimit-Policy'],
  503: ['Retry-After'],
};

/**
 * The OpenAPI responses of a set of catalogue codes: one per status, its
 * `application/problem+json` body the Problem schema with `code` narrowed to the
 * codes of that status.
 *
 * @example
 * problemResponses(['INVALID_ID', 'NOT_FOUND']); // { '400': …, '404': … }
 */
export function problemResponses(codes: Iterable<ErrorCode>): Record<string, Schema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const { status } = errorCatalogue[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, Schema> = {};
  for (const [status, group] of byStatus) {
    group.sort();
    const headers = PROBLEM_HEADERS[status];
    responses[String(status)] = {
      description: group.map((code) => `\`${code}\`: ${errorCatalogue[code].title.toLowerCase()}`).join('; '),
      ...(headers && { headers: headerRefs(...headers) }),
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Problem' },
              {
                properties: {
                  status: { const: status },
                  code: { enum: group },
                  type: { enum: group.map(problemType) },
                },
              },
            ],
          },
        },
      },
    };
  }
  return responses;
}
