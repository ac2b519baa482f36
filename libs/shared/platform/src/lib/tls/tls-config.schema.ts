import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A certificate chain and its private key, read from the files the environment names (PEM). */
export interface TlsCredentials {
  certFile: string;
  keyFile: string;
  cert: Buffer;
  key: Buffer;
  /** SHA-256 fingerprint of the leaf certificate, for the logs. */
  fingerprint: string;
}

/**
 * The variables that turn on HTTPS with HTTP/2:
 *
 * - `TLS_CERT_FILE`: PEM certificate chain, leaf first.
 * - `TLS_KEY_FILE`: PEM private key of the leaf (not encrypted).
 *
 * Both or neither; when both are set, the files are read and checked at start-up, so a
 * path that cannot be read or a key that does not belong to the certificate stops the
 * app with a message naming the variable.
 *
 * @example
 * const tls = loadConfig(tlsConfigSchema, env); // TlsCredentials | undefined
 */
export const tlsConfigSchema = z
  .object({
    TLS_CERT_FILE: z.string().min(1).optional(),
    TLS_KEY_FILE: z.string().min(1).optional(),
  })
  .transform(({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile }, context): TlsCredentials | undefined => {
    if (certFile === undefined && keyFile === undefined) return undefined;
    if (certFile === undefined || keyFile === undefined) {
      const missing = certFile === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE';
      const other = certFile === undefined ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE';
      context.addIssue({ code: 'custom', path: [missing], message: `required when ${other} is set (HTTPS needs both)` });
      return z.NEVER;
    }
    const credentials = readTlsCredentials(certFile, keyFile);
    if (isProblem(credentials)) {
      const [variable, message] = credentials;
      context.addIssue({ code: 'custom', path: [variable], message });
      return z.NEVER;
    }
    return credentials;
  });

/** The variable at fault and why, when the files cannot serve. */
export type TlsFileProblem = readonly ['TLS_CERT_FILE' | 'TLS_KEY_FILE', string];

export function isProblem(read: TlsCredentials | TlsFileProblem): read is TlsFileProblem {
  return Array.isArray(read);
}

/**
 * Reads a certificate and key pair and checks that they belong together; used at
 * start-up and again on each reload. Never echoes file contents.
 *
 * @example
 * const read = readTlsCredentials('/etc/bff/tls.crt', '/etc/bff/tls.key');
 * if (isProblem(read)) throw new Error(read.join(': '));
 */
export function readTlsCredentials(certFile: string, keyFile: string): TlsCredentials | TlsFileProblem {
  let cert: Buffer;
  let certificate: X509Certificate;
  try {
    cert = readFileSync(certFile);
  } catch (error) {
    return ['TLS_CERT_FILE', `cannot read ${certFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`];
  }
  try {
    certificate = new X509Certificate(cert);
  } catch {
    return ['TLS_CERT_FILE', `${certFile} holds no PEM certificate`];
  }
  let key: Buffer;
  try {
    key = readFileSync(keyFile);
  } catch (error) {
    return ['TLS_KEY_FILE', `cannot read ${keyFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`];
  }
  try {
    if (!certificate.checkPrivateKey(createPrivateKey(key))) {
      return ['TLS_KEY_FILE', `${keyFile} is not the private key of the certificate in TLS_CERT_FILE`];
    }
  } catch {
    return ['TLS_KEY_FILE', `${keyFile} holds no unencrypted PEM private key`];
  }
  return { certFile, keyFile, cert, key, fingerprint: certificate.fingerprint256 };
}
