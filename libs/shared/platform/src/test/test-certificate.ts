import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A self-signed P-256 certificate for `localhost` made with the machine's `openssl`, for
 * this lib's specs (`@bff/testing` has the e2e suites' own; it depends on this lib).
 * Made again into the same directory, it replaces the pair in place.
 */
export function makeTestCertificate(dir = mkdtempSync(join(tmpdir(), 'platform-tls-'))) {
  const certFile = join(dir, 'tls.crt');
  const keyFile = join(dir, 'tls.key');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(certFile);
  return { certFile, keyFile, cert, fingerprint: new X509Certificate(cert).fingerprint256 };
}
