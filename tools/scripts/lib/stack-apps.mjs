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
 * start first, and every gateway then receives each service's URL under that name.
 */
export const STACK_APPS = [
  ...Object.values(DOWNSTREAM_SERVICES).map(({ app, root, envPrefix, defaultPort }) => ({
    name: app,
    root,
    portEnv: `${envPrefix}_PORT`,
    defaultPort,
    urlEnv: `${envPrefix}_URL`,
  })),
  { name: 'web-bff', root: 'apps/web-bff', portEnv: 'WEB_BFF_PORT', defaultPort: 3000 },
  { name: 'mobile-bff', root: 'apps/mobile-bff', portEnv: 'MOBILE_BFF_PORT', defaultPort: 3001 },
];

/**
 * Reads each app's port from its `*_PORT` variable (falling back to the default port),
 * rejecting values that are not ports and two apps sharing a fixed port, so a typo
 * fails before anything starts. `0` asks the OS for a free port.
 *
 * @example
 * readPorts({ WEB_BFF_PORT: '8080' }); // { 'web-bff': 8080, 'mobile-bff': 3001, ... }
 */
export function readPorts(env) {
  const ports = {};
  const owners = new Map();
  for (const app of STACK_APPS) {
    const raw = env[app.portEnv]?.trim();
    const port = raw === undefined || raw === '' ? app.defaultPort : Number(raw);
    if (!/^\d+$/.test(String(raw ?? port)) || port > 65_535) {
      throw new Error(`${app.portEnv} must be a port number from 0 to 65535, got "${raw}"`);
    }
    if (port !== 0 && owners.has(port)) {
      throw new Error(`${owners.get(port)} and ${app.portEnv} both ask for port ${port}`);
    }
    owners.set(port, app.portEnv);
    ports[app.name] = port;
  }
  return ports;
}

/** Every app on a port the OS picks, for runs that must not collide with anything. */
export function freePorts() {
  return Object.fromEntries(STACK_APPS.map((app) => [app.name, 0]));
}
