import { loadConfig } from '@bff/config';
import { makeTestCertificate } from '../../test/test-certificate';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tlsConfigSchema } from './tls-config.schema';

describe('tlsConfigSchema', () => {
  const pair = makeTestCertificate();
  const load = (env: Record<string, string>) => () => loadConfig(tlsConfigSchema, env);

  it('means plain HTTP when neither file is named', () => {
    expect(loadConfig(tlsConfigSchema, {})).toBeUndefined();
  });

  it('reads a matching pair, with the fingerprint a client sees', () => {
    const credentials = loadConfig(tlsConfigSchema, { TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: pair.keyFile });

    expect(credentials).toMatchObject({ certFile: pair.certFile, keyFile: pair.keyFile, fingerprint: pair.fingerprint });
    expect(credentials?.cert.equals(pair.cert)).toBe(true);
  });

  it.each([
    [{ TLS_CERT_FILE: pair.certFile }, /TLS_KEY_FILE: required when TLS_CERT_FILE is set/],
    [{ TLS_KEY_FILE: pair.keyFile }, /TLS_CERT_FILE: required when TLS_KEY_FILE is set/],
    [{ TLS_CERT_FILE: '/nonexistent.crt', TLS_KEY_FILE: pair.keyFile }, /TLS_CERT_FILE: cannot read \/nonexistent\.crt: ENOENT/],
    [{ TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: '/nonexistent.key' }, /TLS_KEY_FILE: cannot read \/nonexistent\.key: ENOENT/],
    [{ TLS_CERT_FILE: pair.keyFile, TLS_KEY_FILE: pair.keyFile }, /TLS_CERT_FILE: .* holds no PEM certificate/],
    [{ TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: pair.certFile }, /TLS_KEY_FILE: .* holds no unencrypted PEM private key/],
    [{ TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: makeTestCertificate().keyFile }, /TLS_KEY_FILE: .* is not the private key of the certificate in TLS_CERT_FILE/],
  ])('stops the start, naming the variable: %j', (env, message) => {
    expect(load(env)).toThrow(message);
  });

  it('never prints what the files hold', () => {
    const garbage = join(dirname(pair.certFile), 'garbage.key');
    writeFileSync(garbage, 'secret-looking-bytes');

    expect(load({ TLS_CERT_FILE: pair.certFile, TLS_KEY_FILE: garbage })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret-looking-bytes') }));
  });
});
