import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the caller's working directory. */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');

/**
 * The downstream services, from the JSON twin of `DOWNSTREAM_SERVICES` in
 * `@bff/downstream-contracts` (a spec there keeps the two equal): a script cannot
 * import TypeScript, and reading the table keeps this the one list there is.
 */
const DOWNSTREAM_SERVICES = JSON.parse(
  readFileSync(join(WORKSPACE_ROOT, 'libs/shared/downstream-contracts/src/lib/downstream-services.json'), 'utf8'),
);

/**
 * The local stack in start order. Apps carrying `urlEnv` are downstream services: they
 * start first, and every gateway then receives each service's URL under that name. A
 * service carrying `grpc` also serves gRPC: it listens on `GRPC_PORT` (moved with
 * `grpc.portEnv`), and the gateways receive its `host:port` target as `grpc.targetEnv`.
 * A service the gateways reach over RabbitMQ (the table's `amqp`) still has its HTTP
 * port (fault knobs, health); broker and queue prefix reach every app alike, as
 * `AMQP_URL` and `AMQP_QUEUE_PREFIX` from the supervisor's own environment.
 */
export const STACK_APPS = [
  ...Object.values(DOWNSTREAM_SERVICES).map(({ app, root, envPrefix, defaultPort, grpc }) => ({
    name: app,
    root,
    portEnv: `${envPrefix}_PORT`,
    defaultPort,
    urlEnv: `${envPrefix}_URL`,
    ...(grpc && {
      grpc: { portEnv: `${grpc.envPrefix}_PORT`, defaultPort: grpc.defaultPort, targetEnv: `${grpc.envPrefix}_URL` },
    }),
  })),
  { name: 'web-bff', root: 'apps/web-bff', portEnv: 'WEB_BFF_PORT', defaultPort: 3000 },
  { name: 'mobile-bff', root: 'apps/mobile-bff', portEnv: 'MOBILE_BFF_PORT', defaultPort: 3001 },
];

/**
 * The key of an app's gRPC port in a ports object (`readPorts`, `freePorts`), beside
 * its HTTP port under its name.
 *
 * @example
 * readPorts(process.env)[grpcPortKey('inventory-service')]; // 5003
 */
export function grpcPortKey(name) {
  return `${name} gRPC`;
}

/** Every port the stack listens on: each app's HTTP port, and the gRPC port of a service that has one. */
export const STACK_PORTS = STACK_APPS.flatMap((app) => [
  { key: app.name, portEnv: app.portEnv, defaultPort: app.defaultPort },
  ...(app.grpc ? [{ key: grpcPortKey(app.name), portEnv: app.grpc.portEnv, defaultPort: app.grpc.defaultPort }] : []),
]);

/**
 * Reads each port from its `*_PORT` variable (falling back to the default port),
 * rejecting values that are not ports and two listeners sharing a fixed port, so a
 * typo fails before anything starts. `0` asks the OS for a free port. HTTP ports are
 * keyed by app name, gRPC ports by `grpcPortKey(name)`.
 *
 * @example
 * readPorts({ WEB_BFF_PORT: '8080' }); // { 'web-bff': 8080, 'mobile-bff': 3001, 'inventory-service gRPC': 5003, ... }
 */
export function readPorts(env) {
  const ports = {};
  const owners = new Map();
  for (const slot of STACK_PORTS) {
    const raw = env[slot.portEnv]?.trim();
    const port = raw === undefined || raw === '' ? slot.defaultPort : Number(raw);
    if (!/^\d+$/.test(String(raw ?? port)) || port > 65_535) {
      throw new Error(`${slot.portEnv} must be a port number from 0 to 65535, got "${raw}"`);
    }
    if (port !== 0 && owners.has(port)) {
      throw new Error(`${owners.get(port)} and ${slot.portEnv} both ask for port ${port}`);
    }
    owners.set(port, slot.portEnv);
    ports[slot.key] = port;
  }
  return ports;
}

/** Every app on ports the OS picks, for runs that must not collide with anything. */
export function freePorts() {
  return Object.fromEntries(STACK_PORTS.map((slot) => [slot.key, 0]));
}
