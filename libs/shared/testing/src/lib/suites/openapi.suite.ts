import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess, type AppName } from '../app-process';
import { request } from '../http';
import { workspaceRoot } from '../workspace-root';

/** A route as `METHOD /path/{param}`, the way the OpenAPI document keys it. */
export type DocumentedRoute = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

/** Routes every gateway serves for operators, never part of its API description. */
const INFRASTRUCTURE_ROUTES = ['GET /health', 'GET /ready', 'GET /openapi.json'] as const;

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<(typeof METHODS)[number], unknown>>>;
}

/**
 * The API description a gateway serves, run against the built app: `GET
 * /openapi.json` is the committed `apps/<app>/openapi.json` (OpenAPI 3.1), it
 * documents exactly the routes the app serves (`routes`, each also probed: an
 * undocumented route or a documented one the app does not route fails), the
 * operators' routes stay out of it, and `OPENAPI_ENABLED=false` takes it away.
 *
 * @example
 * // apps/mobile-bff-e2e/src/openapi.e2e-spec.ts
 * describeOpenApi('mobile-bff', ['GET /product-details/{productId}', 'GET /users/{userId}']);
 */
export function describeOpenApi(
  app: Extract<AppName, 'web-bff' | 'mobile-bff'>,
  routes: readonly DocumentedRoute[],
): void {
  describe(`${app}: GET /openapi.json`, () => {
    const committed = JSON.parse(
      readFileSync(join(workspaceRoot(), 'apps', app, 'openapi.json'), 'utf8'),
    ) as OpenApiDocument;
    let bff: AppProcess;

    beforeAll(async () => {
      bff = await AppProcess.start(app, { RESPONSE_CACHE_ENABLED: 'false' });
    });

    afterAll(async () => {
      await bff?.stop();
    });

    it('serves the committed description as application/json, OpenAPI 3.1, to anyone', async () => {
      const { status, headers, body } = await request<OpenApiDocument>(`${bff.url}/openapi.json`);

      expect(status).toBe(200);
      expect(headers.get('content-type')).toMatch(/^application\/json/);
      expect(body).toEqual(committed);
      expect(body.openapi).toMatch(/^3\.1\.\d+$/);
    });

    it('is not rate limited: it answers past the default tier', async () => {
      const statuses = new Set<number>();
      for (let i = 0; i < 40; i++) statuses.add((await request(`${bff.url}/openapi.json`)).status);
      expect([...statuses]).toEqual([200]);
    });

    it('documents exactly the routes the app serves, and none of the operators’ routes', () => {
      const documented = Object.entries(committed.paths).flatMap(([path, item]) =>
        METHODS.filter((method) => item[method] !== undefined).map(
          (method) => `${method.toUpperCase()} ${path}`,
        ),
      );
      expect(documented.sort()).toEqual([...routes].sort());
      for (const route of INFRASTRUCTURE_ROUTES) expect(documented).not.toContain(route);
    });

    it('routes every documented operation (answered, if only with 401 or 415, never the 404 or 405 of no route)', async () => {
      for (const route of [...routes, ...INFRASTRUCTURE_ROUTES]) {
        const [method = 'GET', path = '/'] = route.split(' ');
        const { status } = await request(`${bff.url}${path.replace(/\{[^}]+\}/g, 'p-1')}`, { method });
        expect({ route, routed: status !== 404 && status !== 405 }).toEqual({ route, routed: true });
      }
    });

    it('does not route what it does not document', async () => {
      for (const route of ['PUT /products/p-1/reviews', 'DELETE /users/p-1', 'GET /docs']) {
        const [method = 'GET', path = '/'] = route.split(' ');
        const { status } = await request(`${bff.url}${path}`, { method });
        expect({ route, status: [404, 405].includes(status) }).toEqual({ route, status: true });
      }
    });
  });

  describe(`${app}: OPENAPI_ENABLED=false`, () => {
    let bff: AppProcess;

    beforeAll(async () => {
      bff = await AppProcess.start(app, { OPENAPI_ENABLED: 'false' });
    });

    afterAll(async () => {
      await bff?.stop();
    });

    it('answers 404 for /openapi.json', async () => {
      const { status, headers } = await request(`${bff.url}/openapi.json`);
      expect(status).toBe(404);
      expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
  });
}
