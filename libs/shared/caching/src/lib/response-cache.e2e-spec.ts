import { CacheTestApp, eventually, get, sleep, startCacheTestApp } from './testing/cache-test-app.fixture';

describe('response cache (in-memory store)', () => {
  let app: CacheTestApp;

  beforeEach(async () => {
    app = await startCacheTestApp({ client: 'web' });
  });

  afterEach(async () => {
    await app.close();
  });

  describe('hits and client headers', () => {
    it('answers a repeated GET from the cache with one downstream call', async () => {
      const first = await get(`${app.url}/products/1`);
      const second = await get(`${app.url}/products/1`);

      expect(first.status).toBe(200);
      expect(first.headers.get('x-cache')).toBe('MISS');
      expect(second.headers.get('x-cache')).toBe('HIT');
      expect(second.text).toBe(first.text);
      expect(app.downstream.calls).toBe(1);
      expect(app.metrics.snapshot()).toMatchObject({ hits: 1, misses: 1 });
      expect(app.metrics.byRoute()).toEqual({ '/products/:productId': expect.objectContaining({ hits: 1, misses: 1 }) });
    });

    it('sends a weak ETag, public max-age, Vary and Age, the same on a miss and a hit', async () => {
      const miss = await get(`${app.url}/products/1`);
      const hit = await get(`${app.url}/products/1`);

      expect(miss.headers.get('etag')).toMatch(/^W\/"[A-Za-z0-9_-]{32}"$/);
      expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));
      expect(miss.headers.get('cache-control')).toBe('public, max-age=30');
      expect(miss.headers.get('vary')).toBe('Accept-Language');
      expect(miss.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(miss.headers.get('age')).toBeNull();
      expect(hit.headers.get('age')).toBe('0');
    });

    it('answers a matching If-None-Match with a bodiless 304 carrying the validators', async () => {
      const { headers } = await get(`${app.url}/products/1`);
      const etag = headers.get('etag') ?? '';

      for (const ifNoneMatch of [etag, `"other", ${etag}`, etag.replace(/^W\//, ''), '*']) {
        const response = await get(`${app.url}/products/1`, { 'if-none-match': ifNoneMatch });
        expect(response.status).toBe(304);
        expect(response.text).toBe('');
        expect(response.headers.get('etag')).toBe(etag);
        expect(response.headers.get('cache-control')).toBe('public, max-age=30');
        expect(response.headers.get('x-cache')).toBe('HIT');
        expect(response.headers.get('content-length')).toBeNull();
      }
      const changed = await get(`${app.url}/products/1`, { 'if-none-match': '"stale-tag"' });
      expect(changed.status).toBe(200);
      expect(app.metrics.snapshot().notModified).toBe(4);
    });

    it('answers If-None-Match with 304 on a miss too, when the fresh body has that tag', async () => {
      const { headers } = await get(`${app.url}/products/1`);
      const other = await startCacheTestApp({ client: 'web' }, app.downstream);
      try {
        const response = await get(`${other.url}/products/1`, { 'if-none-match': headers.get('etag') ?? '' });
        expect(response.headers.get('x-cache')).toBe('MISS');
        expect(response.status).toBe(304);
      } finally {
        await other.close();
      }
    });

    it('serves HEAD from the GET entry', async () => {
      await get(`${app.url}/products/1`);
      const head = await get(`${app.url}/products/1`, {}, 'HEAD');

      expect(head.status).toBe(200);
      expect(head.headers.get('x-cache')).toBe('HIT');
      expect(head.text).toBe('');
      expect(app.downstream.calls).toBe(1);
    });

    it('keeps the content type of a text body across hits', async () => {
      const miss = await get(`${app.url}/banner`);
      const hit = await get(`${app.url}/banner`);

      expect(hit.headers.get('x-cache')).toBe('HIT');
      expect(hit.text).toBe('Summer sale');
      expect(hit.headers.get('content-type')).toBe(miss.headers.get('content-type'));
      expect(hit.headers.get('content-type')).toMatch(/^text\/plain/);
    });

    it('adds to a Vary header set by the route instead of replacing it', async () => {
      const response = await get(`${app.url}/banner`);

      expect(response.headers.get('vary')).toBe('Origin, Accept-Language');
    });
  });

  describe('switched off', () => {
    it('passes every request through, still validating the query', async () => {
      const off = await startCacheTestApp({ client: 'web', enabled: false });
      try {
        const first = await get(`${off.url}/products/1`);
        const second = await get(`${off.url}/products/1`);
        expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['BYPASS', 'BYPASS']);
        expect(off.downstream.calls).toBe(2);
        expect((await get(`${off.url}/products/1?utm=1`)).status).toBe(400);
      } finally {
        await off.close();
      }
    });
  });

  describe('unvalidated route data', () => {
    it('stands aside when a tag would be unusable, so the route\'s own validation answers', async () => {
      const response = await get(`${app.url}/products/${'a'.repeat(300)}`);

      expect(response.status).toBe(400);
      expect(response.json).toMatchObject({ code: 'INVALID_ID' });
      expect(app.downstream.calls).toBe(0);
      expect(app.metrics.snapshot()).toMatchObject({ bypassed: 1 });
    });
  });

  describe('keying', () => {
    it('keys Accept-Language: each language gets its own entry', async () => {
      const english = await get(`${app.url}/products/1`, { 'accept-language': 'en' });
      const french = await get(`${app.url}/products/1`, { 'accept-language': 'fr' });
      const englishAgain = await get(`${app.url}/products/1`, { 'accept-language': 'EN' });

      expect(english.json['language']).toBe('en');
      expect(french.json['language']).toBe('fr');
      expect(french.headers.get('x-cache')).toBe('MISS');
      expect(englishAgain.headers.get('x-cache')).toBe('HIT');
      expect(app.downstream.calls).toBe(2);
    });

    it('keys the negotiated language, not the header: random q= values and unsupported languages share one entry', async () => {
      const first = await get(`${app.url}/products/1`, { 'accept-language': 'fr-CH, fr;q=0.9' });
      const statuses: string[] = [];
      for (let i = 0; i < 20; i++) {
        const noisy = await get(`${app.url}/products/1`, {
          'accept-language': `fr-FR;q=0.${900 + i}, it;q=0.${100 + i}, *;q=0.0${i % 10}`,
        });
        statuses.push(noisy.headers.get('x-cache') ?? '');
        expect(noisy.json['language']).toBe('fr');
      }
      const unsupported = await get(`${app.url}/products/1`, { 'accept-language': 'ja, ko;q=0.5' });
      const none = await get(`${app.url}/products/1`, { 'accept-language': '' });

      expect(first.headers.get('x-cache')).toBe('MISS');
      expect(new Set(statuses)).toEqual(new Set(['HIT']));
      expect(unsupported.json['language']).toBe('en');
      expect(none.headers.get('x-cache')).toBe('HIT');
      expect(app.downstream.calls).toBe(2);
    });

    it('normalizes the query: parameter order does not split the cache', async () => {
      await get(`${app.url}/products/1?currency=EUR&fields=name`);
      const reordered = await get(`${app.url}/products/1?fields=name&currency=EUR`);
      const otherValue = await get(`${app.url}/products/1?fields=name&currency=USD`);

      expect(reordered.headers.get('x-cache')).toBe('HIT');
      expect(otherValue.headers.get('x-cache')).toBe('MISS');
      expect(app.downstream.calls).toBe(2);
    });

    it('rejects an undeclared query parameter with 400 INVALID_QUERY before any downstream call', async () => {
      const response = await get(`${app.url}/products/1?currency=EUR&cachebuster=123`);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.json).toMatchObject({ code: 'INVALID_QUERY', parameter: 'cachebuster' });
      expect(app.downstream.calls).toBe(0);
    });

    it('normalizes the path: an encoded and a plain id share an entry', async () => {
      await get(`${app.url}/products/1`);
      const encoded = await get(`${app.url}/products/%31`);

      expect(encoded.headers.get('x-cache')).toBe('HIT');
      expect(app.downstream.calls).toBe(1);
    });

    it('cannot be poisoned through a header outside the key, such as X-Forwarded-Host', async () => {
      const attack = await get(`${app.url}/products/1`, {
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'http',
        'x-original-url': '/admin',
        host: 'evil.example',
      });
      const victim = await get(`${app.url}/products/1`);

      expect(attack.headers.get('x-cache')).toBe('MISS');
      expect(attack.text).not.toContain('evil');
      expect(attack.json['host']).toBeNull();
      // fetch itself always sends `accept-language: *`, the one keyed header.
      expect(attack.json['seenHeaders']).toEqual(['accept-language']);
      expect(victim.headers.get('x-cache')).toBe('HIT');
      expect(victim.text).toBe(attack.text);
    });

    it('shows the handler only the keyed language header, as the request context has it', async () => {
      const response = await get(`${app.url}/products/1`, { 'accept-language': 'de-DE, de;q=0.9', 'user-agent': 'probe' });

      expect(response.json['seenHeaders']).toEqual(['accept-language']);
      expect(response.json['language']).toBe('de');
    });
  });

  describe('per-user responses', () => {
    const userA = { authorization: 'Bearer user:alice' };
    const userB = { authorization: 'Bearer user:bob' };

    it('keys per-user entries by the verified subject and marks them private', async () => {
      const alice = await get(`${app.url}/me/wishlist`, userA);
      const bob = await get(`${app.url}/me/wishlist`, userB);
      const aliceAgain = await get(`${app.url}/me/wishlist`, userA);

      expect(alice.json['owner']).toBe('alice');
      expect(alice.json['user']).toBe('alice');
      expect(bob.json['owner']).toBe('bob');
      expect(bob.headers.get('x-cache')).toBe('MISS');
      expect(aliceAgain.headers.get('x-cache')).toBe('HIT');
      expect(aliceAgain.json['owner']).toBe('alice');
      expect(alice.headers.get('cache-control')).toBe('private, max-age=30');
      expect(alice.headers.get('vary')).toBe('Accept-Language, Authorization, Cookie');
    });

    it('passes an anonymous request to a per-user route through uncached', async () => {
      const first = await get(`${app.url}/me/wishlist`);
      const second = await get(`${app.url}/me/wishlist`);

      expect(second.headers.get('x-cache')).toBe('BYPASS');
      expect(first.headers.get('cache-control')).toBe('private, no-store');
      expect(app.downstream.calls).toBe(2);
    });

    it('computes a public route with no identity, so a signed-in caller fills the entry every caller shares', async () => {
      const alice = await get(`${app.url}/products/1`, userA);
      const anonymous = await get(`${app.url}/products/1`);
      const bob = await get(`${app.url}/products/1`, userB);

      expect(alice.headers.get('x-cache')).toBe('MISS');
      expect(alice.json).toMatchObject({ subject: null, user: null, seenHeaders: ['accept-language'] });
      for (const response of [alice, anonymous, bob]) {
        expect(response.headers.get('cache-control')).toBe('public, max-age=30');
        expect(response.headers.get('vary')).toBe('Accept-Language');
        expect(response.text).toBe(alice.text);
      }
      expect(anonymous.headers.get('x-cache')).toBe('HIT');
      expect(bob.headers.get('x-cache')).toBe('HIT');
      expect(app.downstream.calls).toBe(1);
    });

    it('serves 100 distinct signed-in callers of a public route from one entry: one miss, then hits', async () => {
      const statuses: Record<string, number> = {};
      for (let i = 0; i < 100; i++) {
        const response = await get(`${app.url}/products/1`, { authorization: `Bearer user:u${i}` });
        const status = response.headers.get('x-cache') ?? '';
        statuses[status] = (statuses[status] ?? 0) + 1;
      }

      expect(statuses).toEqual({ MISS: 1, HIT: 99 });
      expect(app.downstream.calls).toBe(1);
    });

    it('shares the public entry with credentials nobody verified too, and never shows them to the handler', async () => {
      await get(`${app.url}/products/1`);
      const token = await get(`${app.url}/products/1`, { authorization: 'Bearer unverified' });
      const cookie = await get(`${app.url}/products/1`, { cookie: 'session=abc' });

      for (const response of [token, cookie]) {
        expect(response.headers.get('x-cache')).toBe('HIT');
        expect(response.headers.get('cache-control')).toBe('public, max-age=30');
      }
      expect(app.downstream.calls).toBe(1);
    });
  });

  describe('coalescing', () => {
    it('makes exactly one downstream call for 100 concurrent misses on one key', async () => {
      app.downstream.hold();
      const responses = Array.from({ length: 100 }, () => get(`${app.url}/products/7`));
      await eventually(() => app.metrics.snapshot().coalesced === 99);
      app.downstream.release();
      const settled = await Promise.all(responses);

      expect(app.downstream.calls).toBe(1);
      expect(new Set(settled.map((response) => response.text)).size).toBe(1);
      expect(settled.every((response) => response.status === 200)).toBe(true);
      expect(app.metrics.snapshot()).toMatchObject({ misses: 1, coalesced: 99 });
    });

    it('shares a failure among the coalesced requests instead of retrying it 100 times', async () => {
      app.downstream.hold();
      app.downstream.failure = new Error('connection reset');
      const responses = Array.from({ length: 20 }, () => get(`${app.url}/products/8`));
      await eventually(() => app.metrics.snapshot().coalesced === 19);
      app.downstream.release();
      const settled = await Promise.all(responses);

      expect(settled.every((response) => response.status === 500)).toBe(true);
      expect(app.downstream.calls).toBe(1);
    });
  });

  describe('stale-while-revalidate and stale-if-error', () => {
    it('after the TTL serves the stale copy and refreshes it once in the background', async () => {
      const original = await get(`${app.url}/product-details/1`);
      app.downstream.write();
      await sleep(350);
      app.downstream.hold();

      const stale = [];
      for (let i = 0; i < 3; i++) stale.push(await get(`${app.url}/product-details/1`));
      await eventually(() => app.downstream.calls === 2);
      stale.push(await get(`${app.url}/product-details/1`));
      for (const response of stale) {
        expect(response.headers.get('x-cache')).toBe('STALE');
        expect(response.text).toBe(original.text);
      }
      expect(app.downstream.calls).toBe(2);
      app.downstream.release();
      await eventually(async () => (await get(`${app.url}/product-details/1`)).headers.get('x-cache') === 'HIT');

      const refreshed = await get(`${app.url}/product-details/1`);
      expect(refreshed.json['version']).toBe(2);
      expect(refreshed.json['requestId']).not.toBe(original.json['requestId']);
      expect(app.downstream.calls).toBe(2);
      expect(app.metrics.snapshot().stale).toBe(4);
    });

    it('refreshes without the unkeyed headers of the request that found the entry stale', async () => {
      await get(`${app.url}/product-details/1`);
      await sleep(350);

      const attack = await get(`${app.url}/product-details/1`, { 'x-forwarded-host': 'evil.example' });
      await eventually(async () => (await get(`${app.url}/product-details/1`)).headers.get('x-cache') === 'HIT');
      const refreshed = await get(`${app.url}/product-details/1`);

      expect(attack.headers.get('x-cache')).toBe('STALE');
      expect(app.downstream.calls).toBe(2);
      expect(refreshed.json['host']).toBeNull();
    });

    it('keeps serving the stale copy when the background refresh fails', async () => {
      const original = await get(`${app.url}/product-details/1`);
      await sleep(350);
      app.downstream.failure = new Error('product service down');

      const stale = await get(`${app.url}/product-details/1`);
      await eventually(() => app.downstream.calls === 2);
      const stillStale = await get(`${app.url}/product-details/1`);

      expect(stale.headers.get('x-cache')).toBe('STALE');
      expect(stillStale.headers.get('x-cache')).toBe('STALE');
      expect(stillStale.text).toBe(original.text);
    });

    it('within stale-if-error serves the stale copy, marked STALE, when the downstream fails', async () => {
      const original = await get(`${app.url}/availability/1`);
      await sleep(350);
      app.downstream.failure = new Error('inventory service down');

      const fallback = await get(`${app.url}/availability/1`);

      expect(fallback.status).toBe(200);
      expect(fallback.headers.get('x-cache')).toBe('STALE');
      expect(fallback.text).toBe(original.text);
      expect(Number(fallback.headers.get('age'))).toBeGreaterThanOrEqual(0);
      expect(app.downstream.calls).toBe(2);
    });

    it('beyond the stale-if-error window lets the failure through', async () => {
      await get(`${app.url}/availability/1`);
      await sleep(1_350);
      app.downstream.failure = new Error('inventory service down');

      const failed = await get(`${app.url}/availability/1`);

      expect(failed.status).toBe(500);
      expect(failed.headers.get('x-cache')).toBeNull();
    });

    it('refetches in the foreground after the TTL when there is no stale-while-revalidate window', async () => {
      await get(`${app.url}/availability/1`);
      app.downstream.write();
      await sleep(350);

      const refetched = await get(`${app.url}/availability/1`);

      expect(refetched.headers.get('x-cache')).toBe('MISS');
      expect(refetched.json['version']).toBe(2);
    });
  });

  describe('what is stored', () => {
    it('does not store a response built from a downstream answer marked uncacheable', async () => {
      const first = await get(`${app.url}/recommendations`);
      const second = await get(`${app.url}/recommendations`);

      expect(first.headers.get('x-cache')).toBe('MISS');
      expect(second.headers.get('x-cache')).toBe('MISS');
      expect(first.headers.get('cache-control')).toBe('private, no-store');
      expect(first.headers.get('etag')).toBeNull();
      expect(app.downstream.calls).toBe(2);
    });

    it('does not store a response on which the route sets a cookie', async () => {
      await get(`${app.url}/greeting`);
      const second = await get(`${app.url}/greeting`);

      expect(second.headers.get('x-cache')).toBe('MISS');
      expect(second.headers.get('cache-control')).toBe('private, no-store');
      expect(app.downstream.calls).toBe(2);
    });

    it('does not share an uncacheable response among coalesced requests', async () => {
      app.downstream.hold();
      const responses = Array.from({ length: 5 }, () => get(`${app.url}/recommendations`));
      await eventually(() => app.metrics.snapshot().coalesced === 4);
      app.downstream.release();
      await Promise.all(responses);

      expect(app.downstream.calls).toBe(5);
    });

    it('stores only 200 responses', async () => {
      await get(`${app.url}/accepted`);
      const accepted = await get(`${app.url}/accepted`);
      await get(`${app.url}/missing/1`);
      const missing = await get(`${app.url}/missing/1`);

      expect(accepted.status).toBe(202);
      expect(accepted.headers.get('x-cache')).toBeNull();
      expect(missing.status).toBe(404);
      expect(missing.headers.get('x-cache')).toBeNull();
      expect(app.downstream.calls).toBe(4);
    });
  });

  describe('invalidation', () => {
    it('drops the entries tagged by a successful write, so the next read sees the write', async () => {
      await get(`${app.url}/products/1`);
      await get(`${app.url}/products/1?currency=EUR`);
      await get(`${app.url}/products/2`);

      const write = await fetch(`${app.url}/products/1/reviews`, { method: 'POST' });
      const afterWrite = await get(`${app.url}/products/1`);
      const otherCurrency = await get(`${app.url}/products/1?currency=EUR`);
      const untouched = await get(`${app.url}/products/2`);

      expect(write.status).toBe(201);
      expect(afterWrite.headers.get('x-cache')).toBe('MISS');
      expect(afterWrite.json['version']).toBe(2);
      expect(otherCurrency.headers.get('x-cache')).toBe('MISS');
      expect(untouched.headers.get('x-cache')).toBe('HIT');
      expect(app.metrics.snapshot().invalidations).toBe(1);
    });

    it('leaves the cache alone when the write is refused with a 4xx', async () => {
      await get(`${app.url}/products/1`);

      const refused = await fetch(`${app.url}/products/1/rejected-reviews`, { method: 'POST' });
      const after = await get(`${app.url}/products/1`);

      expect(refused.status).toBe(400);
      expect(after.headers.get('x-cache')).toBe('HIT');
    });

    it('keeps a read that started before a write out of the cache', async () => {
      app.downstream.hold();
      const slowRead = get(`${app.url}/products/1`);
      await eventually(() => app.downstream.calls === 1);
      const write = fetch(`${app.url}/products/1/reviews`, { method: 'POST' });
      await eventually(() => app.downstream.calls === 2);
      app.downstream.release();
      await Promise.all([slowRead, write]);

      const next = await get(`${app.url}/products/1`);
      expect(next.headers.get('x-cache')).toBe('MISS');
      expect(next.json['version']).toBe(2);
    });
  });
});

describe('response cache memory bound', () => {
  it('evicts the least recently used entry beyond maxEntries', async () => {
    const app = await startCacheTestApp({ client: 'web', maxEntries: 2 });
    try {
      await get(`${app.url}/products/1`);
      await get(`${app.url}/products/2`);
      await get(`${app.url}/products/1`);
      await get(`${app.url}/products/3`);

      expect((await get(`${app.url}/products/1`)).headers.get('x-cache')).toBe('HIT');
      expect((await get(`${app.url}/products/2`)).headers.get('x-cache')).toBe('MISS');
    } finally {
      await app.close();
    }
  });

  it('does not store a body larger than maxBytes, and still serves it', async () => {
    const app = await startCacheTestApp({ client: 'web', maxBytes: 300 });
    try {
      const first = await get(`${app.url}/products/1`);
      const second = await get(`${app.url}/products/1`);

      expect(first.status).toBe(200);
      expect(second.headers.get('x-cache')).toBe('MISS');
    } finally {
      await app.close();
    }
  });
});
