import { makeTestCertificate } from '../../test/test-certificate';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:tls';
import { CertificateReloader } from './certificate-reloader';
import { readTlsCredentials, type TlsCredentials } from './tls-config.schema';

describe('CertificateReloader', () => {
  const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  let server: Server;
  let reloader: CertificateReloader;
  let credentials: TlsCredentials;

  beforeEach(() => {
    jest.clearAllMocks();
    const pair = makeTestCertificate();
    credentials = readTlsCredentials(pair.certFile, pair.keyFile) as TlsCredentials;
    server = createServer({ cert: credentials.cert, key: credentials.key });
    jest.spyOn(server, 'setSecureContext');
    reloader = new CertificateReloader(server, credentials, logger);
  });

  afterEach(() => reloader.stop());

  it('applies a renewed pair to new connections and says which certificate is served', () => {
    const renewed = makeTestCertificate(credentials.certFile.replace(/\/tls\.crt$/, ''));

    expect(reloader.reload()).toBe(true);

    expect(server.setSecureContext).toHaveBeenCalledWith(expect.objectContaining({ minVersion: 'TLSv1.2' }));
    expect(logger.log).toHaveBeenCalledWith(`TLS certificate reloaded: now serving ${renewed.fingerprint}`);
  });

  it('keeps the last good certificate when the new pair does not belong together', () => {
    writeFileSync(credentials.keyFile, makeTestCertificate().cert);

    expect(reloader.reload()).toBe(false);

    expect(server.setSecureContext).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining(`still serving ${credentials.fingerprint}: TLS_KEY_FILE`));
  });

  it('listens for SIGHUP once started, until it stops or the server closes', () => {
    const on = jest.spyOn(process, 'on');
    const off = jest.spyOn(process, 'off');

    reloader.start();
    expect(on).toHaveBeenCalledWith('SIGHUP', reloader.reload);
    server.emit('close');
    expect(off).toHaveBeenCalledWith('SIGHUP', reloader.reload);
  });
});
