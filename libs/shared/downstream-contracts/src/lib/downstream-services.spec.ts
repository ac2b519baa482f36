import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOWNSTREAM_SERVICES, DOWNSTREAM_SERVICE_NAMES, downstreamUrlVariable } from './downstream-services';

describe('DOWNSTREAM_SERVICES', () => {
  it('has the same rows, in the same order, as downstream-services.json, which npm start reads', () => {
    const json: unknown = JSON.parse(readFileSync(join(__dirname, 'downstream-services.json'), 'utf8'));
    // On a mismatch, replace the JSON file with this table, serialised: JSON.stringify(DOWNSTREAM_SERVICES, null, 2).
    expect(json).toEqual(DOWNSTREAM_SERVICES);
    expect(Object.keys(json as object)).toEqual(DOWNSTREAM_SERVICE_NAMES);
  });

  it('gives every service its own app, folder, variables and port', () => {
    const rows = Object.values(DOWNSTREAM_SERVICES);
    for (const field of ['app', 'root', 'envPrefix', 'defaultPort'] as const) {
      expect(new Set(rows.map((row) => row[field])).size).toBe(rows.length);
    }
    for (const [service, row] of Object.entries(DOWNSTREAM_SERVICES)) {
      expect(row.app).toBe(`${service}-service`);
      expect(row.root).toBe(`apps/demo/${row.app}`);
      expect(row.envPrefix).toBe(`${service.toUpperCase()}_SERVICE`);
    }
  });

  it('names the base URL variable of a service', () => {
    expect(DOWNSTREAM_SERVICE_NAMES.map(downstreamUrlVariable)).toEqual([
      'PRODUCT_SERVICE_URL',
      'REVIEW_SERVICE_URL',
      'INVENTORY_SERVICE_URL',
      'USER_SERVICE_URL',
    ]);
  });
});
