import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, eventually, thingsRequests } from '../../test/things-app';
import type { RequestStatsSnapshot } from './request-stats.service';

describe('DemoFaultsModule', () => {
  let app: NestFastifyApplication;

  const { setFaults, stats } = thingsRequests(() => app);

  describe('over a real connection', () => {
    let url: string;

    beforeEach(async () => {
      app = await createApp();
      await app.listen(0, '127.0.0.1');
      url = await app.getUrl();
    });

    afterEach(async () => {
      await app.close();
    });

    const countOf = async (key: keyof Omit<RequestStatsSnapshot, 'byPath'>, expected: number) =>
      eventually(async () => (await stats())[key] === expected);

    it('ends a hang when the client goes away, counting the request as aborted', async () => {
      const client = new AbortController();
      const pending = fetch(`${url}/things/1`, { headers: { 'x-fault-hang': 'true' }, signal: client.signal });
      await countOf('requests', 1);
      client.abort();
      await expect(pending).rejects.toThrow();
      await countOf('aborted', 1);
    });

    it('counts a client that leaves during injected latency as aborted', async () => {
      await setFaults({ latencyMs: 10_000 });
      const client = new AbortController();
      const pending = fetch(`${url}/things/1`, { signal: client.signal });
      await countOf('requests', 1);
      client.abort();
      await expect(pending).rejects.toThrow();
      await countOf('aborted', 1);
      await app.inject({ method: 'DELETE', url: '/__admin/faults' });
      expect((await fetch(`${url}/things/1`)).status).toBe(200);
    });

    it('drops the connection without an answer on x-fault-reset, which is not a client abort', async () => {
      await expect(fetch(`${url}/things/1`, { headers: { 'x-fault-reset': 'true' } })).rejects.toThrow('fetch failed');
      expect(await stats()).toMatchObject({ requests: 1, aborted: 0 });
      expect((await fetch(`${url}/things/1`)).status).toBe(200);
    });

    it('shuts down promptly while requests hang, dropping them', async () => {
      const outcomes = [
        fetch(`${url}/things/1`, { headers: { 'x-fault-hang': 'true' } }),
        fetch(`${url}/things/2`, { headers: { 'x-fault-latency-ms': '60000' } }),
      ].map((request) => request.then(() => 'answered', () => 'dropped'));
      await countOf('requests', 2);
      const started = performance.now();
      await app.close();
      // Waiting for the requests would take 60 s or forever; 5 s is prompt on any machine.
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(await Promise.all(outcomes)).toEqual(['dropped', 'dropped']);
    });
  });
});
