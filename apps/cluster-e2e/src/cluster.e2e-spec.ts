import type { Operation } from '@bff/contracts';
import { DemoFaults, TestAuth, eventually, prometheusSample, rawRequest, request } from '@bff/testing';
import { Agent, request as undiciRequest } from 'undici';
import { TestCluster, type Replica } from './test-cluster';

const MOBILE_QUOTA = 20;

/** What the suite reads of the web product page (the web contracts are the web scope's). */
interface ProductPage {
  reviews: { status: 'ok'; items: Array<{ id: string }> } | { status: 'unavailable' };
}

/**
 * Two replicas of each gateway behind nginx, sharing the machine's Redis, started by
 * the code `npm run start:cluster` runs: what a client sees of the cluster as a whole,
 * through the balancer, and what one replica's state means to the other.
 */
describe('two replicas of each gateway behind nginx', () => {
  const auth = new TestAuth();
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({
      'mobile-bff': { ...auth.env(), RATE_LIMIT_DEFAULT: `minute=${MOBILE_QUOTA}/1m` },
      // The load test sends hundreds of requests a second from one address.
      'web-bff': { ...auth.env(), RATE_LIMIT_DEFAULT: 'burst=100000/1s' },
    });
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 30_000);

  it('holds a client to one rate limit across replicas, keyed on the address nginx passes on', async () => {
    const replicas = cluster.replicas('mobile-bff');
    const before = await Promise.all(replicas.map(decisions));
    const page = (from: string, headers: Record<string, string> = {}) =>
      rawRequest(cluster.urls['mobile-bff'], '/product-details/1', headers, { localAddress: from });

    // 40 requests, five at a time, each on a connection of its own: nginx spreads them.
    const statuses: number[] = [];
    for (let batch = 0; batch < 8; batch++) {
      const answers = await Promise.all(Array.from({ length: 5 }, () => page('127.0.0.2')));
      statuses.push(...answers.map((answer) => answer.status));
    }

    const accepted = statuses.filter((status) => status === 200).length;
    expect(accepted).toBeGreaterThanOrEqual(MOBILE_QUOTA);
    expect(accepted).toBeLessThanOrEqual(MOBILE_QUOTA + 1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(statuses.length - accepted);
    // Both replicas decided some of them, from the one bucket in Redis.
    const after = await Promise.all(replicas.map(decisions));
    after.forEach((count, i) => expect(count - (before[i] ?? 0)).toBeGreaterThan(0));

    // The client cannot pick a fresh bucket: nginx replaces what it claims.
    expect((await page('127.0.0.2', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
    // Another client is a bucket of its own, not nginx's own address sharing one.
    expect((await page('127.0.0.3')).status).toBe(200);
  });

  it('drops the cached page on one replica when a review is posted through the other', async () => {
    const [writer, reader] = cluster.replicas('web-bff') as [Replica, Replica];
    const page = () => request<ProductPage>(`${reader.url}/product-details/61`);
    expect((await page()).status).toBe(200);
    expect((await page()).headers.get('x-cache')).toBe('HIT');

    const headers = await auth.bearer({ sub: '21', audience: 'web-bff', scopes: ['reviews:write'] });
    const posted = await request<Operation>(`${writer.url}/products/61/reviews`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 5, title: 'Two replicas', body: 'Seen from the other one too.' }),
    });
    expect(posted.status).toBe(202);
    const reviewId = await eventually(async () => {
      const { body } = await request<Operation>(`${writer.url}/operations/${posted.body.id}`, { headers });
      if (body.status === 'failed') throw new Error('the review command failed');
      return body.status === 'done' ? body.reviewId : undefined;
    }, 15_000);

    const shown = await eventually(async () => {
      const { body } = await page();
      return body.reviews.status === 'ok' && body.reviews.items.some((review) => review.id === reviewId)
        ? true
        : undefined;
    });
    expect(shown).toBe(true);
  });

  it('serves a web session created on one replica from the other, CSRF-protected writes included', async () => {
    const [first, second] = cluster.replicas('web-bff') as [Replica, Replica];
    const user = await request<{ email: string }>(`${cluster.serviceUrl('user-service')}/users/18`);
    const signedIn = await request<{ csrfToken: string }>(`${first.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.body.email, password: 'demo-password' }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^__Host-bff_session=./);

    const me = await request<{ sub: string }>(`${second.url}/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.sub).toBe('18');

    const review = (headers: Record<string, string>) =>
      request(`${second.url}/products/62/reviews`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ rating: 4, title: 'From a session', body: 'Signed in on the other replica.' }),
      });
    expect((await review({})).status).toBe(403);
    expect((await review({ 'x-csrf-token': signedIn.body.csrfToken })).status).toBe(202);

    const out = await request(`${second.url}/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': signedIn.body.csrfToken },
    });
    expect(out.status).toBe(204);
    expect((await request(`${first.url}/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('keeps every replica in rotation while a downstream fails and the gateways answer 502', async () => {
    const mobile = (path: string) =>
      rawRequest(cluster.urls['mobile-bff'], path, {}, { localAddress: '127.0.0.4' });
    expect((await mobile('/product-details/2')).status).toBe(200);
    const products = new DemoFaults(cluster.serviceUrl('product-service'));
    await products.set({ status: 500 });
    try {
      for (const id of [301, 302, 303, 304])
        expect((await mobile(`/product-details/${id}`)).status).toBe(502);
    } finally {
      await products.clear();
    }
    // nginx passed each 502 on once, and held neither replica responsible for it.
    const probes = await Promise.all([1, 2, 3, 4].map(() => mobile('/health')));
    expect(probes.map((probe) => probe.status)).toEqual([200, 200, 200, 200]);
    expect((await mobile('/product-details/2')).headers.get('x-cache')).toBe('HIT');
    const failed = cluster.accessLog().filter((line) => line.includes('"GET /product-details/30'));
    expect(failed).toHaveLength(4);
    expect(failed.every((line) => /upstream_status=502, 502 /.test(line))).toBe(true);
  });

  it('loses no client request when a replica is stopped (SIGTERM) under load', async () => {
    const [survivor, stopped] = cluster.replicas('web-bff') as [Replica, Replica];
    const load = steadyLoad(cluster.urls['web-bff'], 8);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await cluster.stopReplica(stopped.name);
    const servedAfterStop = load.count();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const { statuses, errors } = await load.stop();

    expect(errors).toEqual([]);
    expect(statuses.size).toBeGreaterThan(0);
    expect([...statuses.keys()]).toEqual([200]);
    expect(load.count()).toBeGreaterThan(servedAfterStop);
    // The stopped replica drained: it finished what it had taken on, cut nothing, and exited.
    const drained = cluster.output(stopped.name).join('\n');
    expect(drained).toMatch(/SIGTERM: not ready/);
    expect(drained).toMatch(/Stopped/);
    expect(drained).not.toMatch(/cut \d+ connection/);
    // nginx had spread the load over both, and moved on to the one left.
    const served = cluster.accessLog().filter((line) => line.includes('"GET /product-details/'));
    for (const replica of [survivor, stopped]) {
      expect(served.some((line) => line.includes(`upstream=${new URL(replica.url).host}`))).toBe(true);
    }
  });
});

/** Rate-limit decisions a replica has made so far, allowed and limited. */
async function decisions(replica: Replica): Promise<number> {
  const text = await (await fetch(replica.metricsUrl)).text();
  return ['allowed', 'limited']
    .map(
      (decision) =>
        prometheusSample(text, `bff_rate_limit_decisions_total{tier="default",decision="${decision}"}`) ?? 0,
    )
    .reduce((sum, count) => sum + count, 0);
}

/**
 * `concurrency` clients, each sending GET requests back to back over keep-alive
 * connections, across 400 product pages (most of them misses, composed from the
 * services, so requests are in flight when a replica stops), until `stop()`.
 */
function steadyLoad(baseUrl: string, concurrency: number) {
  const agent = new Agent({ connections: concurrency });
  const statuses = new Map<number, number>();
  const errors: string[] = [];
  let sent = 0;
  let running = true;
  const client = async () => {
    while (running) {
      const id = 100 + (sent++ % 400);
      try {
        const { statusCode, body } = await undiciRequest(`${baseUrl}/product-details/${id}`, {
          dispatcher: agent,
        });
        await body.dump();
        statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      } catch (error) {
        errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
    }
  };
  const clients = Array.from({ length: concurrency }, client);
  return {
    count: () => [...statuses.values()].reduce((sum, n) => sum + n, 0) + errors.length,
    async stop() {
      running = false;
      await Promise.all(clients);
      await agent.close();
      return { statuses, errors };
    },
  };
}
