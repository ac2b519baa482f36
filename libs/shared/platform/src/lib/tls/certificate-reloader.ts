import type { LoggerService } from '@nestjs/common';
import { type Stats, unwatchFile, watchFile } from 'node:fs';
import type { Server as TlsServer } from 'node:tls';
import { isProblem, readTlsCredentials, type TlsCredentials } from './tls-config.schema';
import { secureContextOptions } from './tls-server-options';

/** How often the certificate files are looked at; a renewal is picked up within this. */
const POLL_INTERVAL_MS = 2_000;

/**
 * Swaps a running server's certificate without a restart: on SIGHUP, and when either
 * file changes. The pair is read and checked again; a good one becomes the context of
 * every new connection (`setSecureContext`), while connections already open keep the
 * one they were made with and are never dropped. A pair that cannot be read, or whose
 * key does not match, is logged and not applied: the server goes on with the last
 * good certificate, and the next change or SIGHUP tries again (a cert written before
 * its key is such a pair for a moment).
 *
 * The files are polled (`fs.watchFile`) rather than watched for events: mounted
 * secrets are replaced by swapping a symlink, which an event watcher on the old file
 * never sees.
 *
 * @example
 * new CertificateReloader(server, credentials, logger).start();
 */
export class CertificateReloader {
  private fingerprint: string;

  constructor(
    private readonly server: TlsServer,
    private readonly credentials: TlsCredentials,
    private readonly logger: LoggerService,
  ) {
    this.fingerprint = credentials.fingerprint;
  }

  /** Reloads on SIGHUP and on file changes from now on, until the server closes. */
  start(): void {
    process.on('SIGHUP', this.reload);
    for (const file of this.files) watchFile(file, { interval: POLL_INTERVAL_MS, persistent: false }, this.onChange);
    this.server.once('close', () => this.stop());
  }

  stop(): void {
    process.off('SIGHUP', this.reload);
    for (const file of this.files) unwatchFile(file, this.onChange);
  }

  /** Reads the pair again and applies it if it is good; says which certificate is served. */
  readonly reload = (): boolean => {
    const read = readTlsCredentials(this.credentials.certFile, this.credentials.keyFile);
    if (isProblem(read)) {
      this.logger.warn?.(`TLS certificate not reloaded, still serving ${this.fingerprint}: ${read[0]}: ${read[1]}`);
      return false;
    }
    this.server.setSecureContext(secureContextOptions(read));
    this.fingerprint = read.fingerprint;
    this.logger.log(`TLS certificate reloaded: now serving ${read.fingerprint}`);
    return true;
  };

  private get files(): string[] {
    return [this.credentials.certFile, this.credentials.keyFile];
  }

  private readonly onChange = (current: Stats, previous: Stats): void => {
    if (current.mtimeMs !== previous.mtimeMs || current.ino !== previous.ino) this.reload();
  };
}
