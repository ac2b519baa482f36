import { Controller, Get, Injectable, Module, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { connect as http2Connect } from 'node:http2';
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { createFastifyAdapter } from '../bootstrap-http-app';
import { AdmissionModule } from '../admission/admission.module';
import { admissionOptions } from '../../test/admission-options';
import { Gate } from '../../test/gate';
import { makeTestCertificate } from '../../test/test-certificate';
import { readTlsCredentials, type TlsCredentials } from '../tls/tls-config.schema';
import { GracefulShutdown } from './graceful-shutdown';

/** Requests to `/probe/held` wait until the test lets them go. */
const gate = new Gate();
/** What happened, in order: answers sent and close hooks run. */
let events: string[] = [];

@Controller('probe')
class ProbeController {
  @Get('held')
  async held() {
    await gate.hold();
    events.push('answered');
    return { ok: true };
  }

  @Get('quick')
  quick() {
    return { ok: true };
  }
}

/** Stands for a downstream pool, a Redis client or a broker connection. */
@Injectable()
class Resource implements OnModuleDestroy, OnApplicationShutdown {
  onModuleDestroy(): void {
    events.push('onModuleDestroy');
  }

  onApplicationShutdown(): void {
    events.push('onApplicationShutdown');
  }
}

const admission = admissionOptions({
  enabled: false,
  limit: { initialLimit: 10, minLimit: 1, maxLimit: 10, targetDelayMs: 20 },
});

@Module({
  imports: [AdmissionModule.forRootAsync({ useFactory: () => admission })],
  controllers: [ProbeController],
  providers: [Resource],
})
class ProbeModule {}

const quietLogger = { log: () => undefined, warn: jest.fn(), error: jest.fn() };

async function start(tls?: TlsCredentials): Promise<{ app: NestFastifyApplication; port: number }> {
  const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(tls), { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  return { app, port: typeof address === 'object' && address ? address.port : 0 };
}

/** A raw keep-alive connection that collects what the server sends and notes when it ends. */
class RawConnection {
  text = '';
  readonly closed: Promise<void>;
  private readonly socket: Socket;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (chunk) => (this.text += chunk.toString()));
    this.socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  send(path: string): void {
    this.socket.write(`GET ${path} HTTP/1.1\r\nHost: probe\r\n\r\n`);
  }

  async responses(count: number): Promise<string> {
    while ((this.text.match(/HTTP\/1\.1 /g) ?? []).length < count || !this.text.endsWith('}')) await sleep(5);
    return this.text;
  }
}

function refused(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean): Promise<void> {
  for (const started = Date.now(); !check(); await sleep(5)) {
    if (Date.now() - started > 5_000) throw new Error('condition not met within 5 s');
  }
}

describe('GracefulShutdown', () => {
  let app: NestFastifyApplication | undefined;

  beforeEach(() => {
    events = [];
    gate.calls = 0;
    quietLogger.warn.mockClear();
  });

  afterEach(async () => {
    gate.releaseAll();
    await app?.close().catch(() => undefined);
    app = undefined;
  });

  /** Starts the app, closed after the test unless the test shut it down, with one request held on its own connection. */
  async function startHoldingOneRequest(): Promise<{ running: NestFastifyApplication; busy: RawConnection }> {
    const started = await start();
    app = started.app;
    const busy = new RawConnection(started.port);
    busy.send('/probe/held');
    await until(() => gate.calls === 1);
    return { running: started.app, busy };
  }

  it('answers the requests in flight, with Connection: close, before any close hook runs, then exits 0', async () => {
    const started = await start();
    app = started.app;
    const idle = new RawConnection(started.port);
    idle.send('/probe/quick');
    await idle.responses(1);
    const busy = new RawConnection(started.port);
    busy.send('/probe/held');
    await until(() => gate.calls === 1);
    const exit = jest.fn();

    const stopped = new GracefulShutdown(app, { drainMs: 10_000, logger: quietLogger, exit }).stop('SIGTERM');

    // Not ready from the first moment, and no new connection is taken.
    const ready = await app.inject({ method: 'GET', url: '/ready' });
    expect({ status: ready.statusCode, body: ready.json() }).toEqual({ status: 503, body: { status: 'draining', dependencies: {} } });
    expect(await refused(started.port)).toBe('ECONNREFUSED');
    // The idle keep-alive connection is closed; the busy one is still being served.
    await idle.closed;
    expect(busy.text).toBe('');
    expect(events).toEqual([]);

    gate.releaseAll();
    const answer = await busy.responses(1);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    await busy.closed;
    await stopped;
    expect(events).toEqual(['answered', 'onModuleDestroy', 'onApplicationShutdown']);
    expect(exit).toHaveBeenCalledWith(0);
    expect(quietLogger.warn).not.toHaveBeenCalled();
    app = undefined;
  });

  it('cuts what still runs when the drain window ends, then closes and exits 0', async () => {
    const { running, busy } = await startHoldingOneRequest();
    const exit = jest.fn();

    await new GracefulShutdown(running, { drainMs: 50, logger: quietLogger, exit }).stop('SIGTERM');

    await busy.closed;
    expect(busy.text).toBe('');
    expect(quietLogger.warn).toHaveBeenCalledWith(expect.stringContaining('cut 1 connection(s)'));
    expect(events).toEqual(['onModuleDestroy', 'onApplicationShutdown']);
    expect(exit).toHaveBeenCalledWith(0);
    app = undefined;
  });

  it('cuts the drain short on a second signal', async () => {
    const { running, busy } = await startHoldingOneRequest();
    const exit = jest.fn();
    const shutdown = new GracefulShutdown(running, { drainMs: 60_000, logger: quietLogger, exit });

    const stopped = shutdown.stop('SIGTERM');
    await sleep(20);
    expect(exit).not.toHaveBeenCalled();
    await shutdown.stop('SIGINT');
    await stopped;

    await busy.closed;
    expect(exit).toHaveBeenCalledWith(0);
    app = undefined;
  });

  it('exits 1 when a close hook fails', async () => {
    const started = await start();
    app = started.app;
    jest.spyOn(Resource.prototype, 'onApplicationShutdown').mockImplementationOnce(() => {
      throw new Error('broker did not close');
    });
    const exit = jest.fn();

    await new GracefulShutdown(app, { drainMs: 1_000, logger: quietLogger, exit }).stop('SIGTERM');

    expect(exit).toHaveBeenCalledWith(1);
    expect(quietLogger.error).toHaveBeenCalledWith(expect.stringContaining('broker did not close'), expect.any(String));
    app = undefined;
  });

  it('drains an HTTPS server too: an HTTP/2 request in flight is answered, an idle HTTP/1.1 connection is closed, exit 0', async () => {
    const pair = makeTestCertificate();
    const started = await start(readTlsCredentials(pair.certFile, pair.keyFile) as TlsCredentials);
    app = started.app;
    const url = `https://localhost:${started.port}`;
    const idle = tlsConnect({ host: '127.0.0.1', port: started.port, servername: 'localhost', ca: pair.cert, ALPNProtocols: ['http/1.1'] });
    const idleClosed = new Promise<void>((resolve) => idle.once('close', () => resolve()));
    idle.on('error', () => undefined);
    await new Promise((resolve) => idle.once('secureConnect', resolve));
    const session = http2Connect(url, { ca: pair.cert });
    session.on('error', () => undefined);
    const sessionClosed = new Promise<void>((resolve) => session.once('close', () => resolve()));
    const held = session.request({ ':path': '/probe/held' });
    let status = 0;
    let body = '';
    held.on('response', (headers) => (status = Number(headers[':status'])));
    held.on('data', (chunk: Buffer) => (body += chunk.toString()));
    const answered = new Promise<void>((resolve) => held.once('end', () => resolve()));
    held.end();
    await until(() => gate.calls === 1);
    const exit = jest.fn();

    const stopped = new GracefulShutdown(app, { drainMs: 10_000, logger: quietLogger, exit }).stop('SIGTERM');
    await idleClosed;
    gate.releaseAll();
    await answered;
    await Promise.all([sessionClosed, stopped]);

    expect({ status, body }).toEqual({ status: 200, body: '{"ok":true}' });
    expect(quietLogger.warn).not.toHaveBeenCalled();
    expect(exit).toHaveBeenCalledWith(0);
    app = undefined;
  });

  it('cuts an HTTP/2 stream still running on an HTTPS server when the window ends, then exits 0', async () => {
    const pair = makeTestCertificate();
    const started = await start(readTlsCredentials(pair.certFile, pair.keyFile) as TlsCredentials);
    app = started.app;
    const session = http2Connect(`https://localhost:${started.port}`, { ca: pair.cert });
    session.on('error', () => undefined);
    const sessionClosed = new Promise<void>((resolve) => session.once('close', () => resolve()));
    const held = session.request({ ':path': '/probe/held' });
    held.on('error', () => undefined);
    held.end();
    await until(() => gate.calls === 1);
    const exit = jest.fn();

    await new GracefulShutdown(app, { drainMs: 50, logger: quietLogger, exit }).stop('SIGTERM');

    await sessionClosed;
    expect(quietLogger.warn).toHaveBeenCalledWith(expect.stringContaining('cut 1 connection(s)'));
    expect(exit).toHaveBeenCalledWith(0);
    app = undefined;
  });
});
