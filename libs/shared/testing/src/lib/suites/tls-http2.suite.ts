import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { statSync, utimesSync } from 'node:fs';
import { connect as http2Connect, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { dirname } from 'node:path';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { AppProcess, type AppName } from '../app-process';
import { DemoStack } from '../demo-stack';
import { eventually } from '../eventually';
import { request } from '../http';
import { makeTestCertificate, type TestCertificate } from '../tls-certificate';

/** One HTTP/2 exchange: status, headers and the body as it crossed the wire. */
interface Http2Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function http2Get(session: ClientHttp2Session, path: string, headers: Record<string, string> = {}): Promise<Http2Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':path': path, ...headers });
    const chunks: Buffer[] = [];
    let answer: IncomingHttpHeaders = {};
    stream.on('response', (received) => (answer = received));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve({ status: Number(answer[':status']), headers: answer, body: Buffer.concat(chunks) }));
    stream.on('error', reject);
    stream.end();
  });
}

function openHttp2(url: string, ca: Buffer[]): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = http2Connect(url, { ca, servername: 'localhost' });
    session.once('connect', () => resolve(session));
    session.once('error', reject);
  });
}

/** The error a TLS handshake with these client settings ends in, or `undefined` if it succeeds. */
function handshakeError(port: number, options: ConnectionOptions): Promise<Error | undefined> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false, ...options });
    socket.once('secureConnect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', resolve);
  });
}

function peerFingerprint(session: ClientHttp2Session): string {
  return (session.socket as TLSSocket).getPeerCertificate().fingerprint256;
}

/** Writes a new pair over the old files, keeping their modification time: only a SIGHUP can tell the app. */
function renewQuietly(current: TestCertificate): TestCertificate {
  const { atime, mtime } = statSync(current.certFile);
  const renewed = makeTestCertificate(dirname(current.certFile));
  for (const file of [renewed.certFile, renewed.keyFile]) utimesSync(file, atime, mtime);
  return renewed;
}

const decoded = (answer: Http2Answer): unknown => {
  const encoding = answer.headers['content-encoding'];
  const bytes = encoding === 'br' ? brotliDecompressSync(answer.body) : encoding === 'gzip' ? gunzipSync(answer.body) : answer.body;
  return JSON.parse(bytes.toString());
};

/**
 * HTTPS with HTTP/2 on a real gateway process, and response compression as clients see
 * it over that connection: ALPN picks `h2` and falls back to HTTP/1.1; TLS 1.1 and
 * CBC-only TLS 1.2 clients are refused; a renewed certificate is served to new
 * connections after a SIGHUP, or once the files change, while an open connection keeps
 * working; a pair that does not belong together stops the start, naming the variable.
 *
 * @example
 * // apps/web-bff-e2e/src/tls-http2.e2e-spec.ts
 * describeTlsHttp2('web-bff', { largePage: '/product-details/2', smallAnswer: '/product-details/..%2Fx' });
 */
export function describeTlsHttp2(
  app: Extract<AppName, 'web-bff' | 'mobile-bff'>,
  paths: { largePage: string; smallAnswer: string },
): void {
  describe(`${app} over HTTPS: HTTP/2, HTTP/1.1 fallback, certificate reload, compression`, () => {
    let stack: DemoStack;
    let bff: AppProcess;
    let certificate: TestCertificate;
    const trusted: Buffer[] = [];
    const sessions: ClientHttp2Session[] = [];
    const session = async () => {
      const opened = await openHttp2(bff.url, trusted);
      sessions.push(opened);
      return opened;
    };
    /** Resolves once a new connection is served the certificate with this fingerprint. */
    const servedToNewConnections = (fingerprint: string, timeoutMs?: number) =>
      eventually(async () => (peerFingerprint(await session()) === fingerprint ? true : undefined), timeoutMs);

    beforeAll(async () => {
      certificate = makeTestCertificate();
      trusted.push(certificate.cert);
      stack = await DemoStack.start();
      bff = await AppProcess.start(app, {
        ...stack.bffEnv(),
        TLS_CERT_FILE: certificate.certFile,
        TLS_KEY_FILE: certificate.keyFile,
        RATE_LIMIT_DEFAULT: 'burst=1000/1s',
      });
    });

    afterAll(async () => {
      for (const each of sessions) each.destroy();
      await bff?.stop();
      await stack?.stop();
    });

    it('logs an https URL and negotiates HTTP/2 by ALPN, with HSTS on its answers', async () => {
      expect(bff.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const h2 = await session();
      expect((h2.socket as TLSSocket).alpnProtocol).toBe('h2');

      const answer = await http2Get(h2, paths.largePage);

      expect(answer.status).toBe(200);
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    });

    it('serves a client without HTTP/2 over HTTP/1.1 on the same port', async () => {
      // Offers only http/1.1 in ALPN, as a client without HTTP/2 does (passed through to tls.connect).
      const options: RequestOptions & Pick<ConnectionOptions, 'ALPNProtocols'> = { ca: trusted, servername: 'localhost', ALPNProtocols: ['http/1.1'] };
      const { protocol, status } = await new Promise<{ protocol: string | false | null; status: number }>((resolve, reject) => {
        const req = httpsRequest(`${bff.url}${paths.largePage}`, options, (res) => {
          const protocol = (res.socket as TLSSocket).alpnProtocol;
          res.resume();
          res.on('end', () => resolve({ protocol, status: res.statusCode ?? 0 }));
        });
        req.on('error', reject);
        req.end();
      });
      expect({ protocol, status }).toEqual({ protocol: 'http/1.1', status: 200 });
    });

    it('refuses TLS 1.1, and TLS 1.2 with only CBC suites', async () => {
      const port = Number(new URL(bff.url).port);
      // SECLEVEL=0 lets this client offer what its own defaults would not: the refusal is the server's.
      const old = await handshakeError(port, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' });
      expect(old?.message).toMatch(/protocol version/i);
      const cbc = await handshakeError(port, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384' });
      expect(cbc?.message).toMatch(/handshake failure/i);
      expect(await handshakeError(port, { maxVersion: 'TLSv1.2' })).toBeUndefined();
    });

    describe('compression, negotiated per request', () => {
      it('sends brotli or gzip as the client asks, and the same JSON as without', async () => {
        const h2 = await session();
        const plain = await http2Get(h2, paths.largePage);
        const br = await http2Get(h2, paths.largePage, { 'accept-encoding': 'gzip, deflate, br' });
        const gzip = await http2Get(h2, paths.largePage, { 'accept-encoding': 'gzip' });

        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(br.headers['content-encoding']).toBe('br');
        expect(gzip.headers['content-encoding']).toBe('gzip');
        for (const answer of [plain, br, gzip]) {
          expect(answer.headers['vary']).toMatch(/accept-encoding/i);
          expect(decoded(answer)).toEqual(decoded(plain));
        }
        expect(br.body.length).toBeLessThan(plain.body.length * 0.6);
        expect(Number(br.headers['content-length'])).toBe(br.body.length);
      });

      it('compresses a cached page on every hit, from the one stored copy, under one weak ETag', async () => {
        const h2 = await session();
        const answers = [];
        for (const encoding of ['br', 'br', 'gzip', 'identity']) {
          answers.push(await http2Get(h2, paths.largePage, { 'accept-encoding': encoding }));
        }

        expect(answers.map((answer) => answer.headers['x-cache'])).toEqual(['HIT', 'HIT', 'HIT', 'HIT']);
        expect(answers.map((answer) => answer.headers['content-encoding'])).toEqual(['br', 'br', 'gzip', undefined]);
        expect(new Set(answers.map((answer) => answer.headers['etag'])).size).toBe(1);
        expect(answers[0]?.headers['etag']).toMatch(/^W\/"/);
        expect(answers[1]?.body.equals(answers[0]?.body ?? Buffer.alloc(0))).toBe(true);
        for (const answer of answers) expect(decoded(answer)).toEqual(decoded(answers[3] as Http2Answer));
      });

      it('answers a matching If-None-Match with a bodiless 304 whatever the coding asked, with the Vary of its 200', async () => {
        const h2 = await session();
        const page = await http2Get(h2, paths.largePage, { 'accept-encoding': 'br' });
        const etag = String(page.headers['etag']);

        for (const encoding of ['br', 'gzip', 'identity']) {
          const notModified = await http2Get(h2, paths.largePage, { 'accept-encoding': encoding, 'if-none-match': etag });
          expect(notModified.status).toBe(304);
          expect(notModified.body.length).toBe(0);
          expect(notModified.headers['content-encoding']).toBeUndefined();
          expect(notModified.headers['etag']).toBe(etag);
          expect(notModified.headers['vary']).toMatch(/accept-encoding/i);
        }
      });

      it('leaves an answer under 1 KiB as it is, problem+json included', async () => {
        const h2 = await session();
        const small = await http2Get(h2, paths.smallAnswer, { 'accept-encoding': 'br, gzip' });

        expect(small.body.length).toBeLessThan(1_024);
        expect(small.headers['content-encoding']).toBeUndefined();
        expect(small.headers['vary']).toMatch(/accept-encoding/i);
        expect(() => JSON.parse(small.body.toString())).not.toThrow();
      });
    });

    describe('certificate reload', () => {
      it('serves a renewed certificate to new connections after SIGHUP, while an open connection keeps working', async () => {
        const old = await session();
        expect(peerFingerprint(old)).toBe(certificate.fingerprint);

        certificate = renewQuietly(certificate);
        trusted.push(certificate.cert);
        expect(peerFingerprint(await session())).not.toBe(certificate.fingerprint);
        process.kill(bff.pid ?? 0, 'SIGHUP');

        await servedToNewConnections(certificate.fingerprint);
        expect((await http2Get(old, paths.largePage)).status).toBe(200);
        expect(peerFingerprint(old)).not.toBe(certificate.fingerprint);
      });

      it('picks up renewed files by itself, without a signal', async () => {
        certificate = makeTestCertificate(dirname(certificate.certFile));
        trusted.push(certificate.cert);

        await servedToNewConnections(certificate.fingerprint, 10_000);
      });
    });

    describe('misconfiguration stops the start, naming the variable', () => {
      const start = (env: Record<string, string>) => AppProcess.start(app, { ...stack.bffEnv(), ...env });

      it('refuses one file without the other', async () => {
        await expect(start({ TLS_CERT_FILE: certificate.certFile })).rejects.toThrow(/TLS_KEY_FILE: required when TLS_CERT_FILE is set/);
      });

      it('refuses a file it cannot read', async () => {
        await expect(start({ TLS_CERT_FILE: '/nonexistent/tls.crt', TLS_KEY_FILE: certificate.keyFile })).rejects.toThrow(
          /TLS_CERT_FILE: cannot read \/nonexistent\/tls\.crt: ENOENT/,
        );
      });

      it('refuses a key that is not the certificate\'s', async () => {
        const other = makeTestCertificate();
        await expect(start({ TLS_CERT_FILE: certificate.certFile, TLS_KEY_FILE: other.keyFile })).rejects.toThrow(
          /TLS_KEY_FILE: .* is not the private key of the certificate in TLS_CERT_FILE/,
        );
      });
    });

    it('still answers plain HTTP clients nothing: the port speaks TLS only', async () => {
      await expect(request(bff.url.replace('https:', 'http:') + paths.largePage)).rejects.toThrow();
    });
  });
}
