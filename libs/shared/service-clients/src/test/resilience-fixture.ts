import { BffError } from '@bff/problem';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { callerHarness, type CallerHarness } from './caller-harness';
import { failure } from './caller-failure';
import type { DownstreamOptionsOverrides } from './downstream-options';
import { DownstreamStub, json } from './downstream-stub';
import { sampleProduct } from './product.fixture';

export { failure };

export const product = sampleProduct;
export const review = { productId: '1', rating: 5 as const, title: 'Great', body: 'Fits well.', author: 'Ada' };

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export const ok: Handler = (_req, res) => json(res, 200, product);
export const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.setHeader('content-type', 'application/problem+json');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.writeHead(code).end(JSON.stringify({ status: code }));
  };
export const hang: Handler = () => undefined;

/** Answers the n-th request (from 0) with `handlers[n]`, and later ones with the last handler. */
export function sequence(...handlers: Handler[]): Handler {
  let n = 0;
  return (req, res) => (handlers[Math.min(n++, handlers.length - 1)] ?? ok)(req, res);
}

export async function timed<T>(promise: Promise<T>): Promise<{ elapsed: number; outcome: T | BffError }> {
  const started = performance.now();
  const outcome = await promise.catch((error: BffError) => error);
  return { elapsed: performance.now() - started, outcome };
}

export interface SetTimer {
  ms: number;
  cleared: boolean;
}

/**
 * Runs `run` and reports every `setTimeout` it set and whether it was cleared: what the
 * caller decided to wait, independent of how busy the machine is. undici's own timers
 * tick at 499 ms and above; the backoff waits of these tests are all shorter.
 */
export async function watchTimers<T>(run: () => Promise<T>): Promise<{ outcome: T | BffError; timers: SetTimer[] }> {
  const timers = new Map<unknown, SetTimer>();
  const realSetTimeout = global.setTimeout;
  const set = jest.spyOn(global, 'setTimeout').mockImplementation(((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const handle = realSetTimeout(callback, ms, ...args);
    timers.set(handle, { ms: ms ?? 0, cleared: false });
    return handle;
  }) as typeof setTimeout);
  const clear = jest.spyOn(global, 'clearTimeout');
  try {
    const outcome = await run().catch((error: BffError) => error);
    for (const [handle] of clear.mock.calls) {
      const timer = timers.get(handle);
      if (timer) timer.cleared = true;
    }
    return { outcome, timers: [...timers.values()] };
  } finally {
    set.mockRestore();
    clear.mockRestore();
  }
}

/** The backoff waits among `timers`: the short ones. */
export const waits = (timers: SetTimer[]) => timers.filter(({ ms }) => ms < 499);

export async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One stub and the callers of one spec file, reset between tests. */
export interface ResilienceFixture {
  /** Listening from before the first test runs. */
  stub: DownstreamStub;
  /** When each request routed by `handle` arrived, by `performance.now()`. */
  arrivals: number[];
  /** A caller on the stub, closed after the test. */
  client: (overrides?: DownstreamOptionsOverrides, random?: () => number) => CallerHarness;
  /** Routes every request to `handler`, noting when each one arrived. */
  handle: (handler: Handler) => void;
}

/**
 * Registers the hooks of a caller spec: a stub started once and answering
 * `ok` at the start of every test, and every caller made by `client` closed after it.
 */
export function resilienceFixture(): ResilienceFixture {
  const open: CallerHarness[] = [];
  const fixture: ResilienceFixture = {
    stub: DownstreamStub.create(),
    arrivals: [],
    client: (overrides = {}, random) => {
      const harness = callerHarness(fixture.stub.url, overrides, random);
      open.push(harness);
      return harness;
    },
    handle: (handler) =>
      fixture.stub.handle((req, res) => {
        fixture.arrivals.push(performance.now());
        handler(req, res);
      }),
  };

  beforeAll(async () => {
    await fixture.stub.listen();
  });

  beforeEach(() => {
    fixture.arrivals.length = 0;
    fixture.stub.reset(ok);
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((harness) => harness.close()));
  });

  afterAll(async () => {
    await fixture.stub.stop();
  });

  return fixture;
}
