import type { SecureContextOptions } from 'node:tls';
import type { SecureServerOptions } from 'node:http2';
import type { TlsCredentials } from './tls-config.schema';

/**
 * Mozilla's "intermediate" TLS 1.2 suites: forward-secret ECDHE key exchange with
 * AES-GCM or ChaCha20-Poly1305 only (no CBC, no RSA key exchange; the DHE suites of
 * the list are left out, as they need DH parameters of their own). TLS 1.3 uses Node's
 * defaults, which are that profile's three suites.
 */
export const INTERMEDIATE_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/** The profile's curves, in its order of preference. */
const INTERMEDIATE_CURVES = 'X25519:prime256v1:secp384r1';

/**
 * The part of the TLS settings a certificate reload replaces: everything a new
 * connection negotiates with. Existing connections keep the context they started with.
 *
 * @example
 * server.setSecureContext(secureContextOptions(credentials));
 */
export function secureContextOptions(credentials: TlsCredentials): SecureContextOptions {
  return {
    cert: credentials.cert,
    key: credentials.key,
    minVersion: 'TLSv1.2',
    ciphers: INTERMEDIATE_CIPHERS,
    ecdhCurve: INTERMEDIATE_CURVES,
    // The profile leaves the choice to the client: it knows whether it has AES hardware.
    honorCipherOrder: false,
  };
}

/**
 * A connection that has not finished its TLS handshake by then is dropped (Node's
 * default is 120 s): the handshake comes before the headers, so it gets no more time
 * than `HTTP_HEADERS_TIMEOUT_MS` gives them by default.
 */
const HANDSHAKE_TIMEOUT_MS = 10_000;

/**
 * Options of the HTTP/2 server with TLS: ALPN offers `h2`, then `http/1.1` for clients
 * without HTTP/2 (`allowHTTP1`), which keep the HTTP/1.1 edge settings (`http1`).
 *
 * @example
 * new FastifyAdapter({ http2: true, https: secureServerOptions(credentials, { requireHostHeader: false }) });
 */
export function secureServerOptions(credentials: TlsCredentials, http1: { requireHostHeader?: boolean }): SecureServerOptions {
  return {
    ...secureContextOptions(credentials),
    ...http1,
    allowHTTP1: true,
    handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
  };
}
