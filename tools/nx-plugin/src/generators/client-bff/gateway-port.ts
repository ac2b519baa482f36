import type { Tree } from '@nx/devkit';

export const STACK_APPS_FILE = 'tools/scripts/lib/stack-apps.mjs';
const DOWNSTREAM_SERVICES_FILE = 'libs/shared/downstream-contracts/src/lib/downstream-services.json';

/** The first gateway's port; the gateways count up from it (web 3000, mobile 3001). */
const FIRST_GATEWAY_PORT = 3000;

/**
 * The management port that serves a gateway's metrics: the HTTP port's twin in the
 * 9300s, as web (3000 → 9300) and mobile (3001 → 9301) have it.
 *
 * @example
 * metricsPortFor(3002); // 9302
 */
export function metricsPortFor(port: number): number {
  return port + 6300;
}

/**
 * Every port the local stack already listens on: the gateways' and each service's HTTP and gRPC ports.
 *
 * @example
 * usedPorts(tree).has(3001); // true: the mobile gateway's
 */
export function usedPorts(tree: Tree): Set<number> {
  const stackApps = tree.read(STACK_APPS_FILE, 'utf-8') ?? '';
  const services = JSON.parse(tree.read(DOWNSTREAM_SERVICES_FILE, 'utf-8') ?? '{}') as Record<
    string,
    { defaultPort?: number; grpc?: { defaultPort?: number } }
  >;
  return new Set([
    ...[...stackApps.matchAll(/defaultPort: (\d+)/g)].map(([, port]) => Number(port)),
    ...Object.values(services).flatMap((service) => [service.defaultPort, service.grpc?.defaultPort]),
  ].filter((port): port is number => typeof port === 'number'));
}

/**
 * The port a new gateway gets when none is asked for: the next one after the
 * gateways', skipping any the stack already uses.
 *
 * @example
 * nextGatewayPort(tree); // 3002 beside web (3000) and mobile (3001)
 */
export function nextGatewayPort(tree: Tree): number {
  const used = usedPorts(tree);
  let port = FIRST_GATEWAY_PORT;
  while (used.has(port) || used.has(metricsPortFor(port))) port += 1;
  return port;
}

/**
 * Refuses a port outside the unprivileged range or one the stack already uses.
 *
 * @example
 * checkGatewayPort(tree, 3001); // throws: the mobile gateway's
 */
export function checkGatewayPort(tree: Tree, port: number): void {
  if (!Number.isInteger(port) || port < 1024 || metricsPortFor(port) > 65_535) {
    throw new Error(`--port must be a whole number from 1024 to ${65_535 - 6300}, got ${port}.`);
  }
  const used = usedPorts(tree);
  if (used.has(port)) throw new Error(`Port ${port} is already used by the local stack (${STACK_APPS_FILE}).`);
  if (used.has(metricsPortFor(port))) {
    throw new Error(`Port ${port} would serve metrics on ${metricsPortFor(port)}, which the local stack already uses.`);
  }
}
