import { ConfigModule, ConfigValidationError, type Environment } from '@bff/config';
import { tracingConfigSchema } from './tracing-config.schema';
import type { TracingSdk } from './tracing.sdk';

let started: TracingSdk | undefined;

/**
 * Starts OpenTelemetry tracing when the environment asks for it (see
 * `tracingConfigSchema`: an OTLP endpoint is set and tracing is not turned off), and
 * does nothing at all otherwise: the SDK is not even loaded, so a gateway without
 * a collector pays nothing and opens no connection.
 *
 * It must run before the instrumented libraries are loaded (`@redis/client`), so an
 * app calls it from a module of its own imported first by `main.ts`, and this file
 * imports nothing that loads them. The SDK is `require`d only once it is wanted.
 * Returns whether tracing is on. A malformed endpoint ends the process with the
 * variable's name, as any bad configuration does.
 *
 * @example
 * // apps/web-bff/src/tracing.ts, the first import of main.ts
 * startTracing('web-bff');
 */
export function startTracing(service: string, env?: Environment): boolean {
  const config = tracingConfigOf(service, env);
  if (!config.enabled || started !== undefined) return started !== undefined;
  // Required here, not imported at the top: unless tracing is on, the SDK is never loaded.
  const { startTracingSdk } = require('./tracing.sdk') as typeof import('./tracing.sdk');
  started = startTracingSdk(config.serviceName ?? service);
  return true;
}

function tracingConfigOf(service: string, env: Environment | undefined) {
  try {
    return ConfigModule.load(tracingConfigSchema, env);
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    // Before the app and its logger exist; the message names the variable, never its value.
    process.stderr.write(`${service}: ${error.message}\n`);
    process.exit(1);
  }
}

/**
 * Whether {@link startTracing} started the SDK, for the providers that would record
 * into it.
 *
 * @example
 * const tracer = tracingStarted() ? trace.getTracer('@bff/platform') : undefined;
 */
export function tracingStarted(): boolean {
  return started !== undefined;
}

/**
 * Exports the spans still batched and stops the SDK, within `timeoutMs`; resolves
 * at once when tracing is off. A collector that does not answer costs the shutdown
 * that long at most, never a hang.
 *
 * @example
 * await stopTracing(2_000);
 */
export async function stopTracing(timeoutMs: number): Promise<void> {
  const sdk = started;
  if (sdk === undefined) return;
  started = undefined;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([sdk.shutdown().catch(() => undefined), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
