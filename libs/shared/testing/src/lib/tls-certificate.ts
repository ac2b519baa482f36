import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and key pair on disk, as `TLS_CERT_FILE` and `TLS_KEY_FILE` name them. */
export interface TestCertificate {
  certFile: string;
  keyFile: string;
  /** The PEM certificate: a client trusts the server with it (`ca`). */
  cert: Buffer;
  /** SHA-256 fingerprint, as a TLS client sees it (`getPeerCertificate().fingerprint256`). */
  fingerprint: string;
}

/**
 * A self-signed ECDSA P-256 certificate for `localhost` and `127.0.0.1`, made with the
 * machine's `openssl` into `dir` (a new temporary directory by default). Made again into
 * the same directory, it replaces the pair in place, as a renewal does.
 *
 * @example
 * const first = makeTestCertificate();
 * const bff = await AppProcess.start('web-bff', { TLS_CERT_FILE: first.certFile, TLS_KEY_FILE: first.keyFile });
 * const renewed = makeTestCertificate(dirname(first.certFile));
 */
export function makeTestCertificate(dir = mkdtempSync(join(tmpdir(), 'bff-tls-'))): TestCertificate {
  const certFile = join(dir, 'tls.crt');
  const keyFile = join(dir, 'tls.key');
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(certFile);
  return { certFile, keyFile, cert, fingerprint: new X509Certificate(cert).fingerprint256 };
}
