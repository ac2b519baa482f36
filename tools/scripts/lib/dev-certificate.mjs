import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A self-signed development certificate for `localhost`, `127.0.0.1` and `::1` (ECDSA
 * P-256, valid 30 days), made with the machine's `openssl` into `dir`: what
 * `npm start -- --tls` serves. Made anew on each call, so it never expires under a
 * running stack and no key outlives the directory it was made for. Clients trust it
 * with `curl --cacert <cert>` or `NODE_EXTRA_CA_CERTS=<cert>`.
 *
 * @example
 * const { certFile, keyFile } = makeDevCertificate('tmp/dev-tls');
 */
export function makeDevCertificate(dir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const certFile = join(dir, 'localhost.crt');
  const keyFile = join(dir, 'localhost.key');
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyFile, '-out', certFile, '-days', '30', '-subj', '/CN=localhost',
        '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
        '-addext', 'keyUsage=critical,digitalSignature,keyCertSign',
        '-addext', 'extendedKeyUsage=serverAuth',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    const why = error.code === 'ENOENT' ? 'openssl is not installed' : String(error.stderr ?? error.message).trim();
    throw new Error(`could not make a development certificate: ${why}`);
  }
  return { certFile, keyFile };
}
