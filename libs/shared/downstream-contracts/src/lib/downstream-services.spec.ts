import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DOWNSTREAM_SERVICES,
  DOWNSTREAM_SERVICE_NAMES,
  type DownstreamServiceEntry,
  downstreamGrpcVariable,
  downstreamUrlVariable,
} from './downstream-services';

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
      'SHIPPING_SERVICE_URL',
    ]);
  });

  it('names the gRPC target variable of the services that serve gRPC, and no other', () => {
    expect(DOWNSTREAM_SERVICE_NAMES.map(downstreamGrpcVariable)).toEqual([
      undefined,
      undefined,
      'INVENTORY_GRPC_URL',
      undefined,
      undefined,
    ]);
    const inventory: 'INVENTORY_GRPC_URL' = downstreamGrpcVariable('inventory');
    const review: undefined = downstreamGrpcVariable('review');
    expect([inventory, review]).toEqual(['INVENTORY_GRPC_URL', undefined]);
  });

  it('keeps gRPC ports and prefixes apart from every HTTP port and prefix', () => {
    const rows: DownstreamServiceEntry[] = Object.values(DOWNSTREAM_SERVICES);
    const ports = rows.flatMap((row) => [row.defaultPort, ...(row.grpc ? [row.grpc.defaultPort] : [])]);
    const prefixes = rows.flatMap((row) => [row.envPrefix, ...(row.grpc ? [row.grpc.envPrefix] : [])]);
    expect(new Set(ports).size).toBe(ports.length);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});
