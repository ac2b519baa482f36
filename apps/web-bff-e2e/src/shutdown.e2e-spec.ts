import { APP_BUNDLES, DemoStack, TestAuth, workspaceRoot } from '@bff/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';

/**
 * Graceful shutdown, with real processes under load: 50 keep-alive clients call
 * `GET /product-details/:id` on the web BFF (cache off) while a product service that
 * answers in 300 ms serves it, and the BFF gets SIGTERM mid-load.
 *
 * The product service is a stand-in in this process (serving the real demo product's
 * body), so the suite knows which requests the BFF took on (they reached it, carrying
 * their `x-request-id`) and can pick the moment of the signal: when all 50 clients
 * have a request in flight. Reviews and inventory are the real demo services.
 */
const CLIENTS = 50;
const LATENCY_MS = 300;

/** A product service whose answers take 300 ms, or wait until released. */
class StandInProductService {
  readonly requestIds = new Set<string>();
  answered = 0;
  private holding = false;
  private readonly held: ServerResponse[] = [];
  private readonly server: Server;

  constructor(private readonly body: string) {
    this.server = createServer((request, response) => this.handle(request, response));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get heldCount(): number {
    return this.held.length;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  /** From now on requests wait for {@link release}. */
  hold(): void {
    this.holding = true;
  }

  /** Answers every held request (after the usual latency) and stops holding. */
  release(): void {
    this.holding = false;
    for (const response of this.held.splice(0)) setTimeout(() => this.answer(response), LATENCY_MS);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const id = request.headers['x-request-id'];
    if (typeof id === 'string') this.requestIds.add(id);
    if (this.holding) this.held.push(response);
    else setTimeout(() => this.answer(response), LATENCY_MS);
  }

  private answer(response: ServerResponse): void {
    if (response.destroyed) return;
    this.answered++;
    response.writeHead(200, { 'content-type': 'application/json' }).end(this.body);
  }
}

/** A built BFF as its own process, whose exit code the suite reads. */
class Gateway {
  output = '';
  url = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const collect = (chunk: Buffer) => (this.output += chunk.toString());
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
  }

  static async start(env: Record<string, string>): Promise<Gateway> {
    const child = spawn(process.execPath, [join(workspaceRoot(), APP_BUNDLES['web-bff'])], {
      cwd: workspaceRoot(),
      env: { PATH: process.env['PATH'] ?? '', PORT: '0', METRICS_PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const gateway = new Gateway(child);
    await until(() => /listening on (http:\/\/[^\s"\\]+)/.test(gateway.output) || child.exitCode !== null, 20_000);
    const url = /listening on (http:\/\/[^\s"\\]+)/.exec(gateway.output)?.[1];
    if (!url) throw new Error(`web-bff did not start:\n${gateway.output}`);
    gateway.url = url;
    return gateway;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  terminate(): void {
    this.child.kill('SIGTERM');
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** What one client request came to. */
interface Outcome {
  requestId: string;
  afterSignal: boolean;
  status?: number;
  connection?: string;
  error?: string;
}

/**
 * One keep-alive client: one connection, a request after each answer, until the
 * gateway stops taking its requests.
 */
class LoadClient {
  readonly outcomes: Outcome[] = [];
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private sent = 0;

  constructor(
    private readonly index: number,
    private readonly port: number,
    private readonly signalled: () => boolean,
  ) {}

  async run(): Promise<void> {
    for (;;) {
      const outcome = await this.once();
      this.outcomes.push(outcome);
      if (outcome.error || this.outcomes.length > 200) break;
    }
    this.agent.destroy();
  }

  private once(): Promise<Outcome> {
    const requestId = `shutdown-${this.index}-${this.sent++}`;
    const outcome: Outcome = { requestId, afterSignal: this.signalled() };
    return new Promise((resolve) => {
      const request = httpRequest(
        { host: '127.0.0.1', port: this.port, path: `/product-details/${(this.index % 500) + 1}`, agent: this.agent, headers: { 'x-request-id': requestId } },
        (response) => {
          response.resume();
          response.on('end', () => resolve({ ...outcome, status: response.statusCode, connection: response.headers.connection }));
          response.on('error', (error: NodeJS.ErrnoException) => resolve({ ...outcome, error: error.code ?? error.message }));
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => resolve({ ...outcome, error: error.code ?? error.message }));
      request.end();
    });
  }
}

/** A raw keep-alive connection that collects what the gateway sends. */
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

  send(path: string, requestId: string): void {
    this.write(`GET ${path} HTTP/1.1\r\nHost: bff\r\nx-request-id: ${requestId}\r\n\r\n`);
  }

  write(text: string): void {
    this.socket.write(text);
  }

  get isClosed(): boolean {
    return this.socket.destroyed;
  }

  async response(): Promise<string> {
    await until(() => /\r\n\r\n/.test(this.text) && (this.bodyComplete() || this.isClosed));
    return this.text;
  }

  private bodyComplete(): boolean {
    const length = Number(/content-length: (\d+)/i.exec(this.text)?.[1] ?? NaN);
    return Buffer.byteLength(this.text.slice(this.text.indexOf('\r\n\r\n') + 4)) >= length;
  }
}

function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

/** Whether connecting is refused within a few seconds: the time a loaded machine takes to deliver a signal. */
async function refusedSoon(port: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < 5_000; await sleep(10)) {
    if ((await connectOutcome(port)) === 'ECONNREFUSED') return true;
  }
  return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  for (const started = Date.now(); !check(); await sleep(10)) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
  }
}

describe('web-bff graceful shutdown', () => {
  let stack: DemoStack;
  let product: StandInProductService;
  let gateway: Gateway | undefined;
  const auth = new TestAuth();

  const startGateway = (env: Record<string, string> = {}) =>
    Gateway.start({
      ...stack.bffEnv(),
      ...auth.env(),
      PRODUCT_SERVICE_URL: product.url,
      RESPONSE_CACHE_ENABLED: 'false',
      RATE_LIMIT_DEFAULT: 'burst=100000/1s',
      // Overload protection is not under test: a busy test machine must not turn a request away.
      ADMISSION_ENABLED: 'false',
      ...env,
    });

  beforeAll(async () => {
    stack = await DemoStack.start();
    const demoProduct = await fetch(`${stack.services.product.url}/products/1`);
    product = new StandInProductService(await demoProduct.text());
    await product.start();
  }, 60_000);

  afterEach(async () => {
    product.release();
    await gateway?.kill();
    gateway = undefined;
  });

  afterAll(async () => {
    await product?.stop();
    await stack?.stop();
  });

  it('answers every request taken on before SIGTERM with its normal 200, resets none, refuses new connections and exits 0', async () => {
    gateway = await startGateway();
    const bff = gateway;
    let signalled = false;
    const clients = Array.from({ length: CLIENTS }, (_, index) => new LoadClient(index, bff.port, () => signalled));
    const load = Promise.all(clients.map((client) => client.run()));

    // Under load for a couple of rounds, then every client's next request is held at
    // the product service: at the signal, all 50 are in flight at the gateway.
    await until(() => product.answered >= 2 * CLIENTS);
    product.hold();
    await until(() => product.heldCount === CLIENTS);
    const inFlight = new Set(product.requestIds);

    bff.terminate();
    signalled = true;
    // The listener closes at once: a new connection is refused while the 50 are still held.
    expect(await refusedSoon(bff.port)).toBe(true);
    expect(product.heldCount).toBe(CLIENTS);

    product.release();
    await load;
    const exit = await bff.exited;

    const outcomes = clients.flatMap((client) => client.outcomes);
    const accepted = outcomes.filter((outcome) => inFlight.has(outcome.requestId) || product.requestIds.has(outcome.requestId));
    // Every request the gateway took on got its normal answer; the last one on each
    // connection said it was the last.
    expect(accepted.filter((outcome) => outcome.status !== 200)).toEqual([]);
    const lastAnswers = clients.map((client) => client.outcomes.filter((outcome) => outcome.status !== undefined).at(-1));
    expect(lastAnswers.map((outcome) => outcome?.connection)).toEqual(Array(CLIENTS).fill('close'));
    // None was reset or answered 503; what came after the signal was refused a connection.
    expect(outcomes.filter((outcome) => outcome.status !== undefined && outcome.status !== 200)).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.error !== undefined && outcome.error !== 'ECONNREFUSED')).toEqual([]);
    expect(clients.map((client) => client.outcomes.at(-1)?.error)).toEqual(Array(CLIENTS).fill('ECONNREFUSED'));
    expect(outcomes.filter((outcome) => outcome.error === 'ECONNREFUSED' && !outcome.afterSignal)).toEqual([]);

    expect(exit).toEqual({ code: 0, signal: null });
    // The downstream pools closed after the drain: no call failed, no breaker opened.
    expect(bff.output).not.toMatch(/UPSTREAM_|circuit|ERROR/);
    expect(bff.output).toMatch(/SIGTERM: not ready and not accepting connections/);
    expect(bff.output).toMatch(/Stopped/);
  }, 60_000);

  it('closes an idle keep-alive connection at once, ends a busy one after its answer (Connection: close), and reports draining', async () => {
    gateway = await startGateway();
    const bff = gateway;
    const idle = new RawConnection(bff.port);
    idle.send('/health', 'idle-1');
    expect(await idle.response()).toMatch(/^HTTP\/1\.1 200 [\s\S]*connection: keep-alive/i);
    idle.text = '';
    product.hold();
    const busy = new RawConnection(bff.port);
    busy.send('/product-details/7', 'busy-1');
    // A balancer's probe half-way through its headers at the signal: its connection is busy too.
    const probe = new RawConnection(bff.port);
    probe.write('GET /ready HTTP/1.1\r\nHost: bff\r\n');
    await until(() => product.heldCount === 1);

    bff.terminate();

    await idle.closed;
    expect(idle.text).toBe('');
    expect(await refusedSoon(bff.port)).toBe(true);
    expect(busy.isClosed).toBe(false);
    probe.write('\r\n');
    const ready = await probe.response();
    expect(ready).toMatch(/^HTTP\/1\.1 503 /);
    expect(ready).toMatch(/\r\nconnection: close\r\n/i);
    expect(ready).toMatch(/\{"status":"draining","dependencies":\{[^}]*\}\}$/);

    product.release();
    const answer = await busy.response();
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    await busy.closed;
    expect(await bff.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('cuts a request still running when SHUTDOWN_DRAIN_MS is over, then closes and exits 0', async () => {
    // Well within the page's 1.5 s budget, so the request is still running when the window ends.
    gateway = await startGateway({ SHUTDOWN_DRAIN_MS: '300' });
    const bff = gateway;
    product.hold();
    const busy = new RawConnection(bff.port);
    busy.send('/product-details/8', 'stuck-1');
    await until(() => product.heldCount === 1);

    bff.terminate();

    await busy.closed;
    expect(busy.text).toBe('');
    expect(await bff.exited).toEqual({ code: 0, signal: null });
    expect(bff.output).toMatch(/Drain window of 300 ms over: cut 1 connection\(s\) still busy/);
  }, 60_000);

  it('refuses a drain window that is not a whole number of milliseconds, naming the variable', async () => {
    const bff = await startGateway({ SHUTDOWN_DRAIN_MS: 'ten seconds' }).catch((error: Error) => error);
    expect(bff).toBeInstanceOf(Error);
    expect((bff as Error).message).toMatch(/SHUTDOWN_DRAIN_MS/);
  }, 30_000);
});
