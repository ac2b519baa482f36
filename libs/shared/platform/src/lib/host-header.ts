import { BffError, PROBLEM_CONTENT_TYPE, toProblem } from '@bff/problem';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';

/**
 * `uri-host [ ":" port ]` (RFC 9110 §7.2 with RFC 3986 §3.2.2): a bracketed IP
 * literal or a registered name of unreserved, percent-encoded and sub-delimiter
 * characters, possibly empty (RFC 9112 §3.2 asks for an empty Host when the target
 * has no authority). Spaces, a lone bracket or a second colon outside brackets are
 * not a host.
 */
const HOST = /^(?:\[[0-9A-Za-z:._~!$&'()*+,;=-]+\]|[0-9A-Za-z._~%!$&'()*+,;=-]*)(?::[0-9]*)?$/;

type RequestLineFault = 'version' | 'missingHost' | 'duplicateHost' | 'invalidHost';

/**
 * Refuses with `400` problem+json and `Connection: close` what RFC 9112 §3.2 says a
 * server must refuse, before any route, guard or limit spends anything on it: an
 * HTTP/1.1 request without `Host`, a request with more than one `Host`, a `Host`
 * that is not a host, and an HTTP/0.9 request line (no version: the gateway speaks
 * HTTP/1.x, and HTTP/2 over TLS). Such requests are how a front proxy and the gateway
 * come to disagree about where a request is going. Node's parser keeps only the first
 * of two `Host` headers, so they are counted in the raw headers. An HTTP/2 request
 * names its host in `:authority` (RFC 9113 §8.3.1), held to the same rule, and gets
 * no `Connection` header, which HTTP/2 forbids. Each refusal is written once, at
 * start-up.
 *
 * @example
 * refuseMalformedRequestLines(adapter.getInstance()); // before any other onRequest hook
 */
export function refuseMalformedRequestLines(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const fault = requestLineFault(request.raw);
    if (fault === undefined) return done();
    void reply.code(400).header('content-type', PROBLEM_CONTENT_TYPE).header('cache-control', 'no-store');
    if (request.raw.httpVersionMajor === 1) void reply.header('connection', 'close');
    void reply.send(REFUSALS[fault]);
  });
}

/** What is wrong with the request line or `Host`, if anything. */
export function requestLineFault(message: IncomingMessage): RequestLineFault | undefined {
  if (message.httpVersionMajor === 2) return http2AuthorityFault(message);
  if (message.httpVersionMajor !== 1) return 'version';
  const raw = message.rawHeaders;
  let host: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length !== 4 || name.toLowerCase() !== 'host') continue;
    if (host !== undefined) return 'duplicateHost';
    host = raw[i + 1] as string;
  }
  if (host === undefined) return message.httpVersionMinor >= 1 ? 'missingHost' : undefined;
  return HOST.test(host) ? undefined : 'invalidHost';
}

/** HTTP/2: `:authority`, or else `Host`; both present, they must agree (RFC 9113 §8.3.1). */
function http2AuthorityFault(message: IncomingMessage): RequestLineFault | undefined {
  const authority = message.headers[':authority'];
  const host = message.headers.host;
  if (typeof authority === 'string' && host !== undefined && host !== authority) return 'duplicateHost';
  const named = typeof authority === 'string' ? authority : host;
  if (named === undefined) return 'missingHost';
  return HOST.test(named) ? undefined : 'invalidHost';
}

const REFUSALS: Readonly<Record<RequestLineFault, string>> = {
  version: refusal('Only HTTP/1.0 and HTTP/1.1 requests are served.'),
  missingHost: refusal('An HTTP/1.1 request must carry a Host header.'),
  duplicateHost: refusal('A request must carry exactly one Host header.'),
  invalidHost: refusal('The Host header is not a valid host.'),
};

function refusal(detail: string): string {
  return JSON.stringify(toProblem(new BffError('BAD_REQUEST', detail)));
}
