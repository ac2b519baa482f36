import { workspaceRoot } from '@nx/devkit';
import { join } from 'node:path';

export const GATEWAYS = ['web-bff', 'mobile-bff'] as const;
export type Gateway = (typeof GATEWAYS)[number];

/** The part of a zod object schema the checks use. */
interface ConfigSchema {
  shape: Record<string, unknown>;
  safeParse(env: Record<string, string | undefined>): {
    success: boolean;
    error?: { issues: { path: PropertyKey[]; message: string }[] };
  };
}

/**
 * Variables a gateway's environment may carry that its own schema does not read:
 * OpenTelemetry's SDK reads `OTEL_*` itself, Node reads its `NODE_*` options.
 */
const READ_ELSEWHERE = /^(OTEL_\w+|NODE_OPTIONS|NODE_EXTRA_CA_CERTS)$/;

/**
 * Variables naming a path inside the image (the web gateway's browser app), which the
 * schema looks for on the filesystem it runs on. Here that is not the image's, so
 * they are only checked to be names the gateway reads; the Dockerfile checks see
 * that the image puts the files there.
 */
const PATHS_IN_IMAGE = new Set(['WEB_APP_DIR']);

/**
 * A gateway's configuration schema (`apps/<gateway>/src/app/<gateway>.config.ts`), the
 * one its process parses its environment with at start-up. An app is not a library
 * any project may import, so it is loaded by path, as the OpenAPI generator loads the
 * app's module.
 *
 * @example
 * const config = await GatewayConfig.load('web-bff');
 * config.problems({ NODE_ENV: 'production' }); // ['AUTH_JWKS_URL: AUTH_JWKS_URL is required when NODE_ENV=production', ...]
 */
export class GatewayConfig {
  private constructor(private readonly schema: ConfigSchema) {}

  static async load(gateway: Gateway): Promise<GatewayConfig> {
    const module = (await import(
      join(workspaceRoot, 'apps', gateway, 'src/app', `${gateway}.config.ts`)
    )) as Record<string, unknown>;
    const [schema] = Object.entries(module).filter(([name]) => name.endsWith('ConfigSchema'));
    if (!schema) throw new Error(`${gateway}.config.ts exports no *ConfigSchema`);
    return new GatewayConfig(schema[1] as ConfigSchema);
  }

  /**
   * Why the gateway would refuse to start with `env`, one line per variable (empty
   * when it would start), and any variable it would not read at all: a misspelt name
   * is not an error to zod, only a setting silently left at its default.
   */
  problems(env: Readonly<Record<string, string | undefined>>): string[] {
    const unread = Object.keys(env)
      .filter((name) => !(name in this.schema.shape) && !READ_ELSEWHERE.test(name))
      .map((name) => `${name}: not a variable the gateway reads`);
    const result = this.schema.safeParse(
      Object.fromEntries(Object.entries(env).filter(([name]) => !PATHS_IN_IMAGE.has(name))),
    );
    const refused = (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return [...unread, ...refused];
  }
}
