import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, scripted, thingsRequests } from '../../test/things-app';
import type { RecordedRequest } from './request-log.service';

describe('DemoFaultsModule', () => {
  let app: NestFastifyApplication;

  const { get, setFaults, stats } = thingsRequests(() => app);

  describe('in process', () => {
    beforeEach(async () => {
      app = await createApp(scripted(0.2, 0.8));
    });

    afterEach(async () => {
      await app.close();
    });

    it('lets requests through untouched and counts them by path', async () => {
      const response = await get('/things/1?x=1');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ id: '1' });
      await get('/things/1');
      await get('/things/2');
      await app.inject({ method: 'POST', url: '/things', payload: { a: 1 } });
      expect(await stats()).toEqual({ requests: 4, aborted: 0, byPath: { '/things/1': 2, '/things/2': 1, '/things': 1 } });
    });

    it('counts and faults unknown routes too', async () => {
      expect((await get('/nowhere')).statusCode).toBe(404);
      expect((await get('/nowhere', { 'x-fault-status': '503' })).statusCode).toBe(503);
      expect((await stats()).byPath).toEqual({ '/nowhere': 2 });
    });

    it('neither faults nor counts /health and the admin routes', async () => {
      await setFaults({ status: 500 });
      expect((await get('/health', { 'x-fault-status': '503' })).statusCode).toBe(200);
      expect((await get('/__admin/stats', { 'x-fault-reset': 'true' })).statusCode).toBe(200);
      expect(await stats()).toEqual({ requests: 0, aborted: 0, byPath: {} });
    });

    it('delays a request by x-fault-latency-ms', async () => {
      const started = performance.now();
      const response = await get('/things/1', { 'x-fault-latency-ms': '150' });
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect(response.statusCode).toBe(200);
    });

    it('answers x-fault-status with that exact status as problem+json', async () => {
      for (const status of [503, 502, 429, 418]) {
        const response = await get('/things/1', { 'x-fault-status': String(status) });
        expect(response.statusCode).toBe(status);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ status, instance: '/things/1' });
      }
    });

    it('answers x-fault-invalid-body with a 200 that claims JSON and is not', async () => {
      const response = await get('/things/1', { 'x-fault-invalid-body': 'true' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(() => JSON.parse(response.body)).toThrow(SyntaxError);
    });

    it('fails the share of requests given by x-fault-error-rate, from the injected random source', async () => {
      const headers = { 'x-fault-error-rate': '0.5', 'x-fault-status': '502' };
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await get('/things/1', headers)).statusCode);
      expect(statuses).toEqual([502, 200, 502, 200]);
      expect((await get('/things/1', { 'x-fault-error-rate': '1' })).statusCode).toBe(500);
    });

    it('rejects a malformed fault header with a 400 naming it', async () => {
      const response = await get('/things/1', { 'x-fault-status': '200' });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'BAD_REQUEST', header: 'x-fault-status' });
    });

    it('applies an admin fault to every request until it is deleted', async () => {
      expect((await setFaults({ status: 503 })).statusCode).toBe(204);
      expect((await get('/things/1')).statusCode).toBe(503);
      expect((await app.inject({ method: 'POST', url: '/things', payload: {} })).statusCode).toBe(503);
      expect((await app.inject({ method: 'DELETE', url: '/__admin/faults' })).statusCode).toBe(204);
      expect((await get('/things/1')).statusCode).toBe(200);
    });

    it('limits an admin fault to a path prefix and to a number of requests', async () => {
      await setFaults({ status: 503, path: '/things/2', times: 2 });
      const statuses = [];
      for (const id of ['1', '2', '1', '2', '2']) statuses.push((await get(`/things/${id}`)).statusCode);
      expect(statuses).toEqual([200, 503, 200, 503, 200]);
    });

    it('lets request headers take precedence over the admin fault', async () => {
      await setFaults({ status: 503 });
      expect((await get('/things/1', { 'x-fault-status': '504' })).statusCode).toBe(504);
    });

    it('applies admin latency and invalid bodies', async () => {
      await setFaults({ latencyMs: 100, invalidBody: true, times: 1 });
      const started = performance.now();
      const response = await get('/things/1');
      expect(performance.now() - started).toBeGreaterThanOrEqual(90);
      expect(() => JSON.parse(response.body)).toThrow(SyntaxError);
      expect((await get('/things/1')).json()).toEqual({ id: '1' });
    });

    it.each<Record<string, unknown>>([
      { status: 200 },
      { status: 503.5 },
      { latencyMs: -1 },
      { errorRate: 2 },
      { path: 'things' },
      { times: 0 },
      { hang: 'yes' },
      { latency: 100 },
    ])('rejects the admin fault %j with a 400 problem', async (spec) => {
      const response = await setFaults(spec);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'BAD_REQUEST', errors: [expect.anything()] });
    });

    it('rejects an admin fault that is not JSON', async () => {
      const response = await app.inject({
        method: 'PUT',
        url: '/__admin/faults',
        headers: { 'content-type': 'application/json' },
        payload: '{"status":',
      });
      expect(response.statusCode).toBe(400);
    });

    it('records the method, path and headers of recent public requests, oldest first', async () => {
      await get('/things/1?secret=no', { 'x-request-id': 'one', 'x-user-id': '7' });
      await app.inject({ method: 'POST', url: '/things', payload: { a: 1 }, headers: { 'x-request-id': 'two' } });
      await get('/health');
      await get('/__admin/stats');

      const all = (await get('/__admin/requests')).json<RecordedRequest[]>();
      expect(all.map(({ method, path }) => ({ method, path }))).toEqual([
        { method: 'GET', path: '/things/1' },
        { method: 'POST', path: '/things' },
      ]);
      expect(all[0]?.headers).toMatchObject({ 'x-request-id': 'one', 'x-user-id': '7' });
      const last = (await get('/__admin/requests?limit=1')).json<RecordedRequest[]>();
      expect(last).toHaveLength(1);
      expect(last[0]?.headers['x-request-id']).toBe('two');
    });

    it.each(['0', '-1', 'x', '1.5', '100000'])('rejects ?limit=%s with a 400 problem', async (limit) => {
      const response = await get(`/__admin/requests?limit=${limit}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_QUERY', parameter: 'limit' });
    });

    it('forgets the recorded requests when the counters are reset', async () => {
      await get('/things/1');
      await app.inject({ method: 'DELETE', url: '/__admin/stats' });
      expect((await get('/__admin/requests')).json()).toEqual([]);
    });

    it('resets the counters', async () => {
      await get('/things/1');
      expect((await app.inject({ method: 'DELETE', url: '/__admin/stats' })).statusCode).toBe(204);
      expect(await stats()).toEqual({ requests: 0, aborted: 0, byPath: {} });
    });
  });

  describe('default random source', () => {
    it('fails the same requests in every fresh service, at about the configured rate', async () => {
      const pattern = async () => {
        const instance = await createApp();
        try {
          await instance.inject({ method: 'PUT', url: '/__admin/faults', payload: { errorRate: 0.3 } });
          const statuses: number[] = [];
          for (let i = 0; i < 100; i++) statuses.push((await instance.inject({ method: 'GET', url: '/things/1' })).statusCode);
          return statuses;
        } finally {
          await instance.close();
        }
      };
      const first = await pattern();
      expect(await pattern()).toEqual(first);
      const failures = first.filter((status) => status === 500).length;
      expect(failures).toBeGreaterThan(15);
      expect(failures).toBeLessThan(45);
    });
  });

});
