import { BffError } from '@bff/problem';
import {
  AmqpFaultInjection,
  type AmqpRequestMessage,
  type AmqpRpcMethod,
} from './amqp-fault-injection.service';
import { FaultStore } from './fault-store.service';
import { RequestLog } from './request-log.service';
import { RequestStats } from './request-stats.service';

type Reply = { ok: true; echo: unknown } | { ok: false; status: number; title: string };

const PATH = '/things.v1.get';

const method: AmqpRpcMethod<Reply> = {
  path: PATH,
  handle: (request) => {
    const { id } = request as { id?: string };
    if (id === 'missing') throw new BffError('NOT_FOUND', 'No thing "missing".');
    if (id === 'bug') throw new TypeError('internal detail');
    return { ok: true, echo: request };
  },
  failure: (status, title) => ({ ok: false, status, title }),
  garble: (reply) => ({ ...reply, ok: 'yes' }),
};

function message(
  body: unknown = { id: '1' },
  headers: Record<string, unknown> = {},
  expiration?: string,
): AmqpRequestMessage {
  const content = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return { content, properties: { headers, expiration } };
}

function parsed(reply: Buffer | undefined): unknown {
  return reply === undefined ? undefined : JSON.parse(reply.toString('utf8'));
}

describe('AmqpFaultInjection', () => {
  let store: FaultStore;
  let stats: RequestStats;
  let log: RequestLog;
  let rolls: number[];
  let faults: AmqpFaultInjection;

  beforeEach(() => {
    store = new FaultStore();
    stats = new RequestStats();
    log = new RequestLog();
    rolls = [];
    faults = new AmqpFaultInjection(store, stats, log, () => rolls.shift() ?? 0.99);
  });

  afterEach(() => faults.beforeApplicationShutdown());

  const answer = async (request: AmqpRequestMessage) => parsed(await faults.answer(method, request));

  describe('without a fault', () => {
    it("replies the handler's answer, and counts and logs the request as a PUBLISH with its headers", async () => {
      expect(await answer(message({ id: '7' }, { 'X-Request-Id': 'abc' }))).toEqual({
        ok: true,
        echo: { id: '7' },
      });
      expect(stats.snapshot()).toEqual({ requests: 1, aborted: 0, byPath: { [PATH]: 1 } });
      expect(log.recent()).toEqual([{ method: 'PUBLISH', path: PATH, headers: { 'x-request-id': 'abc' } }]);
    });

    it('replies 400 to a body that is not JSON', async () => {
      expect(await answer(message('{"id":'))).toEqual({ ok: false, status: 400, title: 'Bad request' });
    });

    it("replies a BffError's status with its catalogue title, and 500 to anything else thrown, leaking nothing", async () => {
      expect(await answer(message({ id: 'missing' }))).toEqual({
        ok: false,
        status: 404,
        title: 'Not found',
      });
      expect(await answer(message({ id: 'bug' }))).toEqual({
        ok: false,
        status: 500,
        title: 'Internal server error',
      });
    });
  });

  describe('status', () => {
    it('replies the status from an x-fault-status header, a number or its text', async () => {
      const unavailable = { ok: false, status: 503, title: 'Upstream unavailable' };
      expect(await answer(message({ id: '1' }, { 'x-fault-status': 503 }))).toEqual(unavailable);
      expect(await answer(message({ id: '1' }, { 'x-fault-status': '503' }))).toEqual(unavailable);
    });

    it('replies the status of a stored fault whose path the request path starts with, `times` times', async () => {
      store.set({ status: 502, path: '/things', times: 1 });
      expect(await answer(message())).toEqual({ ok: false, status: 502, title: 'Bad upstream response' });
      expect(await answer(message())).toEqual({ ok: true, echo: { id: '1' } });
    });

    it('leaves requests alone when the stored fault is for another path', async () => {
      store.set({ status: 503, path: '/others' });
      expect(await answer(message())).toEqual({ ok: true, echo: { id: '1' } });
    });

    it('ignores grpcStatus, as HTTP requests do', async () => {
      expect(await answer(message({ id: '1' }, { 'x-fault-grpc-status': '14' }))).toEqual({
        ok: true,
        echo: { id: '1' },
      });
    });

    it('replies 400 naming a malformed knob', async () => {
      expect(await answer(message({ id: '1' }, { 'x-fault-status': 'soon' }))).toEqual({
        ok: false,
        status: 400,
        title: 'Bad request',
      });
    });
  });

  it('fails the requests the error-rate roll picks, with 500 when no status is given', async () => {
    store.set({ errorRate: 0.5 });
    rolls.push(0.2, 0.8);
    expect(await answer(message())).toEqual({ ok: false, status: 500, title: 'Internal server error' });
    expect(await answer(message())).toEqual({ ok: true, echo: { id: '1' } });
  });

  it('delays the reply by latencyMs', async () => {
    const started = performance.now();
    expect(await answer(message({ id: '1' }, { 'x-fault-latency-ms': '60' }))).toEqual({
      ok: true,
      echo: { id: '1' },
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('garbles the real reply on invalidBody, and keeps a failure a failure', async () => {
    expect(await answer(message({ id: '1' }, { 'x-fault-invalid-body': 'true' }))).toEqual({
      ok: 'yes',
      echo: { id: '1' },
    });
    expect(await answer(message({ id: 'missing' }, { 'x-fault-invalid-body': 'true' }))).toMatchObject({
      status: 404,
    });
  });

  it('sends no reply on reset, which is no abort', async () => {
    expect(await faults.answer(method, message({ id: '1' }, { 'x-fault-reset': '1' }))).toBeUndefined();
    expect(stats.snapshot()).toMatchObject({ requests: 1, aborted: 0 });
  });

  describe('waits', () => {
    it("end a hang without a reply once the request's expiration has passed, counting it as aborted", async () => {
      const started = performance.now();
      expect(
        await faults.answer(method, message({ id: '1' }, { 'x-fault-hang': 'true' }, '50')),
      ).toBeUndefined();
      expect(performance.now() - started).toBeGreaterThanOrEqual(45);
      expect(stats.snapshot()).toMatchObject({ requests: 1, aborted: 1 });
    });

    it('send no reply when the latency outlasts the expiration', async () => {
      const reply = faults.answer(method, message({ id: '1' }, { 'x-fault-latency-ms': '10000' }, '30'));
      await expect(reply).resolves.toBeUndefined();
      expect(stats.snapshot()).toMatchObject({ aborted: 1 });
    });

    it('reply 503 to hangs and delays when the service shuts down', async () => {
      const hanging = faults.answer(method, message({ id: '1' }, { 'x-fault-hang': 'true' }));
      const delayed = faults.answer(method, message({ id: '1' }, { 'x-fault-latency-ms': '60000' }));
      faults.beforeApplicationShutdown();
      const unavailable = { ok: false, status: 503, title: 'Upstream unavailable' };
      expect(parsed(await hanging)).toEqual(unavailable);
      expect(parsed(await delayed)).toEqual(unavailable);
      expect(stats.snapshot()).toMatchObject({ requests: 2, aborted: 0 });
    });

    it('ignore an expiration that is not a number of milliseconds', async () => {
      const reply = faults.answer(method, message({ id: '1' }, { 'x-fault-latency-ms': '20' }, 'soon'));
      expect(parsed(await reply)).toEqual({ ok: true, echo: { id: '1' } });
    });
  });
});
