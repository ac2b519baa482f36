import { workspaceRoot } from '@nx/devkit';
import { DOWNSTREAM_SERVICES } from '@bff/downstream-contracts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeValidator } from './compose-schema';
import { Dockerfile, argsOf, envOf } from './dockerfile';
import { GATEWAYS, GatewayConfig } from './gateway-config';
import { readYamlFile } from './yaml-files';

const COMPOSE_FILE = 'docker-compose.yml';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  stop_grace_period?: string;
}

const compose = readYamlFile(COMPOSE_FILE) as { services: Record<string, ComposeService> };
const services = compose.services;
const demoServices = Object.values(DOWNSTREAM_SERVICES);

/**
 * A value as Compose interpolates it with none of the referenced variables set:
 * `${VAR:-default}` and `${VAR-default}` give the default, `${VAR}` nothing, `$$` a `$`.
 * The checks see the file's own defaults, whatever the machine running them exports.
 */
function interpolated(value: string): string {
  return value.replace(/\$\$|\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (match, _braced, fallback) =>
    match === '$$' ? '$' : ((fallback as string | undefined) ?? ''),
  );
}

/** The environment a service's process starts with: its image's ENV, then compose's. */
function environmentOf(service: ComposeService): Record<string, string> {
  const image = service.build ? envOf(Dockerfile.read(service.build.dockerfile).runtime) : {};
  const own = Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [name, interpolated(String(value))]),
  );
  return { ...image, ...own };
}

/** Whether Compose can tell the service is healthy: a healthcheck of its own or its image's. */
function hasHealthcheck(service: ComposeService): boolean {
  if (service.healthcheck) return true;
  return (
    service.build !== undefined &&
    argsOf(Dockerfile.read(service.build.dockerfile).runtime, 'HEALTHCHECK').length > 0
  );
}

/** `20s`, `1m30s` → seconds. */
function seconds(duration: string): number {
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(amount) * { ms: 0.001, s: 1, m: 60, h: 3600 }[unit as 'ms' | 's' | 'm' | 'h'];
  }
  return total;
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification', () => {
    expect(composeValidator()(compose)).toEqual([]);
  });

  it('runs Redis, RabbitMQ, every demo service and both gateways', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['redis', 'rabbitmq', ...demoServices.map((service) => service.app), ...GATEWAYS].sort(),
    );
  });

  it('pulls third-party images by a pinned tag, never latest', () => {
    for (const [name, service] of Object.entries(services).filter(([, service]) => !service.build)) {
      expect({ name, image: service.image }).toEqual({
        name,
        image: expect.stringMatching(/^[\w./-]+:(?!latest$)[\w.-]+$/),
      });
    }
  });

  it('builds each app from its image recipe, a demo service with its name and its port', () => {
    for (const gateway of GATEWAYS) {
      expect(services[gateway].build).toEqual({ context: '.', dockerfile: `apps/${gateway}/Dockerfile` });
    }
    for (const { app, defaultPort } of demoServices) {
      expect(services[app].build).toEqual({
        context: '.',
        dockerfile: 'deploy/docker/Dockerfile',
        args: { APP: app, PORT: String(defaultPort) },
      });
    }
    for (const { build } of Object.values(services)) {
      if (build)
        expect({ build, exists: existsSync(join(workspaceRoot, build.context, build.dockerfile)) }).toEqual({
          build,
          exists: true,
        });
    }
  });

  it('starts a service only once what it depends on is healthy, and each of those has a healthcheck', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, dependency, condition }).toEqual({ name, dependency, condition: 'service_healthy' });
        expect({
          dependency,
          healthcheck: services[dependency] && hasHealthcheck(services[dependency]),
        }).toEqual({
          dependency,
          healthcheck: true,
        });
      }
    }
  });

  describe.each(GATEWAYS)('%s', (gateway) => {
    const service = services[gateway];
    const env = environmentOf(service);

    it('waits for Redis, RabbitMQ and every demo service to be healthy', () => {
      expect(Object.keys(service.depends_on ?? {}).sort()).toEqual(
        ['redis', 'rabbitmq', ...demoServices.map((each) => each.app)].sort(),
      );
    });

    it('reaches every downstream service by its compose name, over HTTP and gRPC', () => {
      for (const { app, envPrefix, defaultPort, ...rest } of demoServices) {
        expect(env[`${envPrefix}_URL`]).toBe(`http://${app}:${defaultPort}`);
        if ('grpc' in rest) {
          const grpc = rest.grpc as { envPrefix: string; defaultPort: number };
          expect(env[`${grpc.envPrefix}_URL`]).toBe(`${app}:${grpc.defaultPort}`);
          expect(environmentOf(services[app])['GRPC_PORT'] ?? String(grpc.defaultPort)).toBe(
            String(grpc.defaultPort),
          );
        }
      }
      expect(new URL(env['REDIS_URL']).hostname).toBe('redis');
    });

    it('meets the review and shipping services on the compose broker, as the user RabbitMQ creates', () => {
      const rabbitmq = services['rabbitmq'].environment ?? {};
      const broker = new URL(env['AMQP_URL']);
      expect({ host: broker.hostname, user: broker.username, password: broker.password }).toEqual({
        host: 'rabbitmq',
        user: rabbitmq['RABBITMQ_DEFAULT_USER'],
        password: rabbitmq['RABBITMQ_DEFAULT_PASS'],
      });
      for (const app of ['review-service', 'shipping-service']) {
        expect({ app, url: environmentOf(services[app])['AMQP_URL'] }).toEqual({ app, url: env['AMQP_URL'] });
      }
    });

    it('starts with its environment: the gateway’s config schema accepts it, every name known', async () => {
      const config = await GatewayConfig.load(gateway);
      expect(config.problems(env)).toEqual([]);
    });

    it('publishes its app port on the host’s loopback', () => {
      expect(service.ports).toContain(`127.0.0.1:${env['PORT']}:${env['PORT']}`);
      expect(env['PORT']).toBe(gateway === 'web-bff' ? '3000' : '3001');
    });

    it('is given the time to drain before Compose kills it', () => {
      const drainSeconds = Number(env['SHUTDOWN_DRAIN_MS'] ?? 10_000) / 1000;
      expect(seconds(service.stop_grace_period ?? '10s')).toBeGreaterThan(drainSeconds);
    });
  });
});
