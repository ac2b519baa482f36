import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { strictTransportSecurity } from 'helmet';

/** Response headers as `[lower-case name, value]` pairs, fixed at start-up. */
export type HeaderList = readonly (readonly [string, string])[];

/**
 * The headers every gateway response carries, as Helmet sets them for a JSON API:
 * `X-Content-Type-Options: nosniff` (a browser never runs a JSON body as a script),
 * `Referrer-Policy: no-referrer`, frame denial (`X-Frame-Options: DENY` and CSP
 * `frame-ancestors 'none'`), a CSP of `default-src 'none'` (nothing in an answer may
 * load anything) and `Cross-Origin-Resource-Policy: same-origin`. HSTS is separate
 * ({@link HSTS_HEADER}): it may be sent only over TLS.
 *
 * Helmet's headers for documents and for retired browsers are left off: an opener
 * policy, `Origin-Agent-Cluster` and DNS prefetch control govern HTML pages, and
 * `X-Download-Options` (IE 8), `X-Permitted-Cross-Domain-Policies` (Flash) and
 * `X-XSS-Protection: 0` protect nothing a JSON answer exposes. Each is paid for on
 * every response, in bytes on a phone's link and in header bookkeeping: together
 * they were about a third of a mobile product screen's size.
 *
 * Helmet's middleware is run once here against a recorder, and the headers it set are
 * kept: a response then pays for a loop over a fixed list instead of Helmet's
 * middleware chain (Helmet's Fastify plugin even rebuilds that chain per request).
 */
export const SECURITY_HEADERS: HeaderList = recordHeaders(
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  }),
);

/**
 * `Strict-Transport-Security` for a year, subdomains included: a browser that has
 * seen the gateway over HTTPS refuses plain HTTP to it from then on.
 */
export const HSTS_HEADER: readonly [string, string] = recordHeaders(
  strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true }),
)[0] as readonly [string, string];

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

function recordHeaders(middleware: Middleware): HeaderList {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), String(value));
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
  });
  return Object.freeze([...headers].map(([name, value]) => Object.freeze([name, value] as const)));
}
