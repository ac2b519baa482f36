import { AppProcess, DemoFaults, DemoStack, RedisServer, TestAuth, eventually, request } from '@bff/testing';
import { connect, type Socket } from 'node:net';

/**
 * What operators get from a real web BFF: one structured access line per request (JSON
 * with `LOG_FORMAT=json`, pretty text otherwise) with no credential on it, no line for
 * probes, and the orchestrator probes `GET /health/live` and `GET /health/ready` on
 * terminus, which no rate limit touches and which report draining and a lost Redis.
 */
describe('web-bff operations: access logs and health probes', () => {
  let stack: DemoStack;
  let json: AppProcess;
  let text: AppProcess;
  let limited: AppProcess;
  let redis: RedisServer;
  let product: DemoFaults;
  let review: DemoFaults;
  const auth = new TestAuth();
  const subjectSecret = 'a-log-subject-secret-of-32-characters-or-more';
  const trace = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  /** The JSON lines of `app` whose `requestId` is `requestId`. */
  const linesOf = (app: AppProcess, requestId: string) =>
    app.logs
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes(requestId))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    stack = await DemoStack.start();
    redis = await RedisServer.start();
    const common = {
      ...stack.bffEnv(),
      ...auth.env(),
      RESPONSE_CACHE_ENABLED: 'false',
      ADMISSION_ENABLED: 'false',
      // Each gateway's metrics on a port of its own: three run at once.
      METRICS_PORT: '0',
    };
    [json, text, limited] = await Promise.all([
      AppProcess.start('web-bff', { ...common, LOG_FORMAT: 'json', LOG_SUBJECT_SECRET: subjectSecret, RATE_LIMIT_DEFAULT: 'burst=100000/1s' }),
      AppProcess.start('web-bff', { ...common, RATE_LIMIT_DEFAULT: 'burst=100000/1s' }),
      AppProcess.start('web-bff', { ...common, REDIS_URL: redis.url, RATE_LIMIT_DEFAULT: 'burst=2/1m' }),
    ]);
    product = new DemoFaults(stack.services.product.url);
    review = new DemoFaults(stack.services.review.url);
  }, 60_000);

  afterEach(async () => {
    await Promise.all([product.reset(), review.reset()]);
  });

  afterAll(async () => {
    await Promise.all([json?.stop(), text?.stop(), limited?.stop()]);
    await Promise.all([redis?.stop(), stack?.stop()]);
  });

  describe('access log', () => {
    it('writes one JSON line per request with ids, route template, status, duration, client and a subject hash, and no credential', async () => {
      const bearer = await auth.bearer({ sub: '7', audience: 'web-bff' });
      const cookie = '__Host-bff_session=cookie-value-that-must-never-be-logged';

      const answer = await request(`${json.url}/users/7`, {
        headers: { ...bearer, cookie, traceparent: trace, 'x-request-id': 'access-json-1' },
      });

      expect(answer.status).toBe(200);
      const [line, ...more] = await eventually(async () => {
        const lines = linesOf(json, 'access-json-1').filter((entry) => entry['context'] === 'http');
        return lines.length > 0 ? lines : undefined;
      });
      expect(more).toEqual([]);
      expect(line).toEqual({
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        service: 'web-bff',
        pid: json.pid,
        hostname: expect.any(String),
        context: 'http',
        message: 'request completed',
        method: 'GET',
        route: '/users/:userId',
        status: 200,
        durationMs: expect.any(Number),
        client: 'web',
        requestId: 'access-json-1',
        traceId: '0af7651916cd43dd8448eb211c80319c',
        subjectHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
      for (const secret of [bearer['authorization'].slice('Bearer '.length), 'cookie-value-that-must-never-be-logged', subjectSecret]) {
        expect(json.logs).not.toContain(secret);
      }
      expect(json.logs).not.toMatch(/"(authorization|cookie|set-cookie)"/i);
    });

    it('names the parts a page was served without', async () => {
      await review.set({ status: 500 });

      const page = await request(`${json.url}/product-details/12`, { headers: { 'x-request-id': 'access-json-2' } });

      expect(page.headers.get('x-bff-degraded')).toBe('reviews');
      const line = await eventually(async () => linesOf(json, 'access-json-2').find((entry) => entry['context'] === 'http'));
      expect(line).toMatchObject({ route: '/product-details/:productId', status: 200, degraded: ['reviews'] });
      expect(line['subjectHash']).toBeUndefined();
    });

    it('prints a pretty text line when LOG_FORMAT is unset', async () => {
      expect((await request(`${text.url}/product-details/13`, { headers: { 'x-request-id': 'access-text-1' } })).status).toBe(200);

      const line = await eventually(async () => text.logs.split('\n').find((entry) => entry.includes('requestId=access-text-1')));
      expect(line).toMatch(
        /^\d\d:\d\d:\d\d\.\d{3} {2}INFO \[http\] GET \/product-details\/:productId 200 [\d.]+ ms client=web requestId=access-text-1 traceId=[0-9a-f]{32}$/,
      );
      expect(text.logs).toMatch(/INFO web-bff listening on http:\/\/127\.0\.0\.1:\d+/);
      expect(text.logs.split('\n').some((entry) => entry.startsWith('{'))).toBe(false);
    });

    it('writes no line for probes', async () => {
      for (const path of ['/health', '/ready', '/health/live', '/health/ready']) {
        expect((await request(`${json.url}${path}`, { headers: { 'x-request-id': `probe${path.replaceAll('/', '-')}` } })).status).toBe(200);
      }
      // A request after them, whose line shows the earlier ones had their turn.
      await request(`${json.url}/product-details/14`, { headers: { 'x-request-id': 'after-probes' } });
      await eventually(async () => linesOf(json, 'after-probes')[0]);

      expect(json.logs).not.toContain('"requestId":"probe-');
    });
  });

  describe('health probes', () => {
    it('answers liveness and readiness with terminus reports', async () => {
      const live = await request<Record<string, unknown>>(`${json.url}/health/live`);
      const ready = await request<Record<string, unknown>>(`${json.url}/health/ready`);

      expect({ status: live.status, body: live.body }).toEqual({ status: 200, body: { status: 'ok', info: {}, error: {}, details: {} } });
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        status: 'ok',
        details: { shutdown: { status: 'up' }, amqp: { status: 'up' }, downstreams: { status: 'up', required: ['product', 'user'] } },
      });
      expect(ready.headers.get('cache-control')).toBe('no-store');
    });

    it('never rate-limits the probes, however far past the limit a caller is', async () => {
      const pages = [];
      for (let i = 0; i < 4; i++) pages.push((await request(`${limited.url}/product-details/15`)).status);
      expect(pages.slice(2)).toEqual([429, 429]);

      for (let i = 0; i < 20; i++) {
        expect((await request(`${limited.url}/health/live`)).status).toBe(200);
        expect((await request(`${limited.url}/health/ready`)).status).toBe(200);
      }
    });

    it('is not ready (503) while the configured Redis is unreachable, and ready again once it is back', async () => {
      expect((await request<Record<string, unknown>>(`${limited.url}/health/ready`)).body).toMatchObject({ details: { redis: { status: 'up' } } });

      await redis.stop();
      const down = await eventually(async () => {
        const ready = await request<Record<string, unknown>>(`${limited.url}/health/ready`);
        return ready.status === 503 ? ready : undefined;
      });
      expect(down.body).toMatchObject({ status: 'error', error: { redis: { status: 'down' } } });
      expect((await request(`${limited.url}/health/live`)).status).toBe(200);

      await redis.resume();
      await eventually(async () => ((await request(`${limited.url}/health/ready`)).status === 200 ? true : undefined));
    }, 30_000);

    // Last: it stops the text gateway.
    it('is not ready (503) from SIGTERM on, while a slow request in flight still gets its answer', async () => {
      expect((await request(`${text.url}/health/ready`)).status).toBe(200);
      await product.set({ latencyMs: 1_000 });
      const port = Number(new URL(text.url).port);
      const slow = new RawConnection(port);
      slow.write('GET /product-details/16 HTTP/1.1\r\nHost: bff\r\n\r\n');
      // An orchestrator's probe half-way through its headers at the signal.
      const probe = new RawConnection(port);
      probe.write('GET /health/ready HTTP/1.1\r\nHost: bff\r\n');
      await product.statsWhen((stats) => stats.requests >= 1);

      process.kill(text.pid ?? 0, 'SIGTERM');
      await eventually(async () => (/SIGTERM: not ready/.test(text.logs) ? true : undefined));
      probe.write('\r\n');

      const ready = await probe.response();
      expect(ready).toMatch(/^HTTP\/1\.1 503 /);
      expect(JSON.parse(ready.slice(ready.indexOf('\r\n\r\n') + 4))).toMatchObject({
        status: 'error',
        error: { shutdown: { status: 'down', draining: true } },
      });
      expect(await slow.response()).toMatch(/^HTTP\/1\.1 200 /);
    }, 30_000);
  });
});

/** A raw keep-alive connection that collects what the gateway sends. */
class RawConnection {
  text = '';
  private readonly socket: Socket;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (chunk) => (this.text += chunk.toString()));
    this.socket.on('error', () => undefined);
  }

  write(text: string): void {
    this.socket.write(text);
  }

  async response(): Promise<string> {
    await eventually(async () => {
      const head = this.text.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(this.text)?.[1] ?? NaN);
      return head >= 0 && Buffer.byteLength(this.text.slice(head + 4)) >= length ? true : undefined;
    });
    this.socket.destroy();
    return this.text;
  }
}
