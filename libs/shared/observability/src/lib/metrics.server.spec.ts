import { request } from '@bff/testing';
import { Counter, Registry } from 'prom-client';
import { MetricsServer } from './metrics.server';
import type { MetricsOptions } from './metrics.options';

describe('MetricsServer', () => {
  const options: MetricsOptions = { service: 'test-bff', enabled: true, port: 0, host: '127.0.0.1' };
  let registry: Registry;
  let server: MetricsServer;

  beforeEach(async () => {
    registry = new Registry();
    new Counter({ name: 'test_events_total', help: 'Events.', registers: [registry] }).inc(3);
    server = new MetricsServer(registry, options);
    await server.onApplicationBootstrap();
  });

  afterEach(async () => {
    await server.onApplicationShutdown();
  });

  it('answers GET /metrics with the registry in Prometheus text format', async () => {
    const response = await request<string>(`${server.url}`);

    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.text).toContain('# TYPE test_events_total counter\ntest_events_total 3');
  });

  it('answers 404 for any other path and 405 for any other method', async () => {
    const base = server.url?.replace(/\/metrics$/, '');

    expect((await request(`${base}/`)).status).toBe(404);
    expect((await request(`${base}/health`)).status).toBe(404);
    const post = await request(`${server.url}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('closes its port with the app', async () => {
    const url = server.url as string;
    await server.onApplicationShutdown();

    await expect(fetch(url)).rejects.toThrow();
  });
});

describe('MetricsServer switched off', () => {
  it('opens no port', async () => {
    const server = new MetricsServer(new Registry(), { service: 'test-bff', enabled: false, port: 0, host: '127.0.0.1' });
    await server.onApplicationBootstrap();

    expect(server.url).toBeUndefined();
  });
});
