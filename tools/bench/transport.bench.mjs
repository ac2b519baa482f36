#!/usr/bin/env node
/**
 * CPU per downstream call, by transport: axios with its Node http adapter, axios
 * (alone and through Nest's HttpService) with the undici adapter of
 * @bff/service-clients, raw undici, axios with an adapter that does no I/O (the cost
 * of axios itself), and gRPC: a raw grpc-js unary call and the inventory client's
 * whole path over gRPC (`InventoryClient.getInventory` on `GrpcCaller`).
 *
 * The downstream is a node:http server in a child process, so the figures are the
 * client's CPU only (process.cpuUsage: user + system). Calls run on keep-alive
 * connections, one at a time unless --concurrency says otherwise, and every
 * response is a ~1 KB JSON product, parsed. Each figure is the median of the rounds.
 *
 *   node tools/bench/transport.bench.mjs [--calls 5000] [--rounds 5] [--concurrency 1] [--json]
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { requireProjectNode } from '../scripts/lib/require-node.mjs';
import { measureVariants } from './lib/per-call.mjs';

requireProjectNode();

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const axios = require('axios');
const { Pool } = require('undici');
const { HttpService } = require('@nestjs/axios');
const { firstValueFrom } = require('rxjs');

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
});
const calls = Number(args.calls);
const rounds = Number(args.rounds);
const concurrency = Number(args.concurrency);

const PRODUCT = {
  id: '1',
  name: 'Trail running shoe',
  description: 'A light shoe with a grippy outsole. '.repeat(12),
  brand: 'Acme',
  category: 'shoes',
  price: { amountMinor: 12999, currency: 'EUR' },
  images: ['thumbnail', 'small', 'medium', 'large'].map((size, i) => ({
    size,
    url: `https://img.example/products/1/${size}.jpg`,
    width: 64 << i,
    height: 64 << i,
  })),
  attributes: { colour: 'red', weight: '240g' },
  createdAt: '2024-01-01T00:00:00.000Z',
};
const BODY = JSON.stringify(PRODUCT);

/** The stock `GetStock` answers: the inventory service's shape, four warehouses. */
const STOCK = JSON.parse(readFileSync(join(root, 'tools/bench/peers/fixtures/inventory.json'), 'utf8'));

/** The downstream (HTTP, and gRPC `inventory.v1`), in its own process so its CPU is not counted. */
function startServer() {
  const source = `
    const http = require('node:http');
    const { createRequire } = require('node:module');
    const requireFromRoot = createRequire(${JSON.stringify(join(root, 'package.json'))});
    const grpc = requireFromRoot('@grpc/grpc-js');
    const { loadSync } = requireFromRoot('@grpc/proto-loader');
    const body = ${JSON.stringify(BODY)};
    const stock = ${JSON.stringify(STOCK)};
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    server.keepAliveTimeout = 60000;
    const { inventory } = grpc.loadPackageDefinition(loadSync(${JSON.stringify(
      join(root, 'libs/shared/downstream-contracts/proto/inventory/v1/inventory.proto'),
    )}, { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true }));
    const grpcServer = new grpc.Server();
    grpcServer.addService(inventory.v1.InventoryService.service, {
      GetStock: (call, callback) => callback(null, { ...stock, productId: call.request.productId }),
    });
    grpcServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, grpcPort) => {
      if (error) throw error;
      server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port, grpcPort }));
    });
  `;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', ({ port, grpcPort }) =>
      resolve({ child, url: `http://127.0.0.1:${port}`, grpcTarget: `127.0.0.1:${grpcPort}` }),
    );
    child.once('error', reject);
  });
}

/**
 * Lets this script require the workspace's TypeScript as it is (compiled by SWC
 * on load, `@bff/*` resolved from tsconfig.base.json), so the figures are for the
 * real adapter and clients, not a copy.
 */
function registerTypeScript() {
  const swc = require('@swc/core');
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  const aliases = Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, join(root, target)]),
  );
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    // A TypeScript source wins over a JSON file of the same name (downstream-services.ts
    // has a JSON twin), as it does for the compiler; Node alone would pick the JSON.
    if (request.startsWith('.') && extname(request) === '' && parent?.filename?.endsWith('.ts')) {
      const source = join(dirname(parent.filename), `${request}.ts`);
      if (existsSync(source)) return source;
    }
    return resolve.call(this, aliases[request] ?? request, parent, ...rest);
  };
  Module._extensions['.ts'] = (mod, filename) => {
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    });
    mod._compile(code, filename);
  };
}

const strictJson = {
  responseType: 'json',
  transitional: { silentJSONParsing: false, forcedJSONParsing: true, clarifyTimeoutError: true },
};

async function variants(url, grpcTarget) {
  registerTypeScript();
  require('reflect-metadata');
  const lib = join(root, 'libs/shared/service-clients/src/lib');
  const { UndiciAdapter } = require(join(lib, 'transport/undici.adapter.ts'));
  const { downstreamAxiosConfig } = require(join(lib, 'transport/downstream-axios.config.ts'));
  const { DownstreamCaller } = require(join(lib, 'call/downstream-caller.ts'));
  const { ProductClient } = require(join(lib, 'clients/product.client.ts'));
  const { InventoryClient } = require(join(lib, 'clients/inventory.client.ts'));
  const { GrpcCaller } = require(join(lib, 'call/grpc-caller.ts'));
  const { GrpcClients } = require(join(lib, 'transport/grpc-clients.ts'));
  // Each client's options exactly as a gateway builds them from an environment with no
  // overrides (every DOWNSTREAM_* default), so each runs its whole resilience path.
  const { downstreamConfigShape, serviceClientsOptionsFrom } = require(
    join(lib, 'config/downstream-config.schema.ts'),
  );
  const { z } = require('zod');
  const values = z
    .object(downstreamConfigShape())
    .parse({ PRODUCT_SERVICE_URL: url, INVENTORY_GRPC_URL: grpcTarget, DOWNSTREAM_MAX_CONNECTIONS: '16' });
  const clientOptions = serviceClientsOptionsFrom({ get: (key) => values[key] });
  const options = clientOptions.product;
  const transport = new UndiciAdapter({ connections: options.maxConnections, origins: [url] });
  const products = new ProductClient(
    new DownstreamCaller(
      new HttpService(axios.create(downstreamAxiosConfig(options, transport.adapter))),
      'product',
      options,
    ),
  );
  const grpcClients = new GrpcClients(clientOptions);
  const inventory = new InventoryClient(new GrpcCaller('inventory', clientOptions.inventory), grpcClients);
  const stockClient = grpcClients.inventory();
  const { Metadata } = require('@grpc/grpc-js');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const pool = new Pool(url, { connections: 16, pipelining: 1 });

  const axiosHttp = axios.create({
    baseURL: url,
    timeout: 2000,
    adapter: 'http',
    httpAgent: agent,
    maxRedirects: 0,
    ...strictJson,
  });
  const axiosUndici = axios.create({
    baseURL: url,
    timeout: 2000,
    adapter: transport.adapter,
    maxRedirects: 0,
    ...strictJson,
  });
  const nestUndici = new HttpService(axiosUndici);
  const axiosNoIo = axios.create({
    baseURL: url,
    timeout: 2000,
    ...strictJson,
    adapter: async (config) => ({
      data: BODY,
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      config,
      request: {},
    }),
  });

  return {
    list: [
      ['axios + http adapter (keep-alive agent)', () => axiosHttp.get('/products/1').then((r) => r.data)],
      ['axios + UndiciAdapter', () => axiosUndici.get('/products/1').then((r) => r.data)],
      [
        'HttpService.get (Observable API) + UndiciAdapter',
        () => firstValueFrom(nestUndici.get('/products/1')).then((r) => r.data),
      ],
      ['ProductClient.getProduct (whole client path)', () => products.getProduct('1')],
      [
        'raw undici Pool.request + JSON.parse',
        async () => {
          const { body } = await pool.request({
            path: '/products/1',
            method: 'GET',
            headers: { accept: 'application/json' },
          });
          return JSON.parse(await body.text());
        },
      ],
      ['axios core only (adapter without I/O)', () => axiosNoIo.get('/products/1').then((r) => r.data)],
      [
        'raw grpc-js unary GetStock',
        () =>
          new Promise((resolve, reject) =>
            stockClient.getStock(
              { productId: '1' },
              new Metadata(),
              { deadline: Date.now() + 2000 },
              (error, stock) => (error ? reject(error) : resolve(stock)),
            ),
          ),
      ],
      ['InventoryClient.getInventory over gRPC (whole client path)', () => inventory.getInventory('1')],
    ],
    close: async () => {
      grpcClients.onApplicationShutdown();
      await Promise.all([transport.close(), pool.close()]);
      agent.destroy();
    },
  };
}

const { child, url, grpcTarget } = await startServer();
try {
  const { list, close } = await variants(url, grpcTarget);
  const measured = await measureVariants(list, {
    calls,
    rounds,
    warmup: 2_000,
    concurrency,
    isExpected: (data) => (data.id ?? data.productId) === '1',
  });
  await close();

  const rows = measured.map(({ name, ...figures }) => ({ transport: name, ...figures }));
  if (args.json) {
    const summary = {
      node: process.version,
      calls,
      rounds,
      concurrency,
      bodyBytes: Buffer.byteLength(BODY),
      rows,
    };
    console.log(JSON.stringify(summary, null, 2));
  } else {
    console.log(
      `node ${process.version}, ${calls} calls x ${rounds} rounds (median), concurrency ${concurrency}, ` +
        `${Buffer.byteLength(BODY)} B JSON body`,
    );
    console.table(rows);
  }
} finally {
  child.kill();
}
