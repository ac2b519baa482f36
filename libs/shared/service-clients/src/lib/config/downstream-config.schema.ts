import { httpUrl, millis } from '@bff/config';
import { z } from 'zod';
import type { DownstreamOptions, ServiceClientsOptions } from '../service-clients.options';

/**
 * The environment variables of the downstream clients, as a zod shape each app
 * spreads into its own config schema (so the app still parses its environment
 * once, in one place).
 *
 * @example
 * export const webBffConfigSchema = z.object({
 *   ...listenConfigShape(3000),
 *   ...downstreamConfigShape(),
 * });
 */
export function downstreamConfigShape() {
  return {
    PRODUCT_SERVICE_URL: httpUrl('http://127.0.0.1:4001'),
    REVIEW_SERVICE_URL: httpUrl('http://127.0.0.1:4002'),
    INVENTORY_SERVICE_URL: httpUrl('http://127.0.0.1:4003'),
    USER_SERVICE_URL: httpUrl('http://127.0.0.1:4004'),
    /** Default time limit of one downstream call; routes may give a call less. */
    DOWNSTREAM_TIMEOUT_MS: millis(2_000),
    /** Connections kept to each downstream service at most. */
    DOWNSTREAM_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_024).default(64),
    /** Larger downstream responses fail as 502 instead of filling the gateway's memory. */
    DOWNSTREAM_MAX_RESPONSE_BYTES: z.coerce
      .number()
      .int()
      .min(1_024)
      .max(64 * 1_048_576)
      .default(1_048_576),
  };
}

/**
 * The parsed values of {@link downstreamConfigShape}.
 *
 * @example
 * const timeout: DownstreamConfig['DOWNSTREAM_TIMEOUT_MS'] = 2000;
 */
export type DownstreamConfig = z.output<z.ZodObject<ReturnType<typeof downstreamConfigShape>>>;

/**
 * Anything that reads the downstream variables by name: every app's `TypedConfig`
 * subclass whose schema spreads {@link downstreamConfigShape}.
 *
 * @example
 * const reader: DownstreamConfigReader = new WebBffConfig(values);
 */
export interface DownstreamConfigReader {
  get<K extends keyof DownstreamConfig>(key: K): DownstreamConfig[K];
}

/**
 * Builds the clients' options from an app's config. Its signature fits
 * `useFactory` directly, so wiring the clients into an app is one line.
 *
 * @example
 * ServiceClientsModule.forRootAsync({ inject: [WebBffConfig], useFactory: serviceClientsOptionsFrom, global: true })
 * // or, to give one service its own limits:
 * useFactory: (config: WebBffConfig) => {
 *   const options = serviceClientsOptionsFrom(config);
 *   return { ...options, review: { ...options.review, timeoutMs: 800 } };
 * }
 */
export function serviceClientsOptionsFrom(config: DownstreamConfigReader): ServiceClientsOptions {
  const limits: Omit<DownstreamOptions, 'baseUrl'> = {
    timeoutMs: config.get('DOWNSTREAM_TIMEOUT_MS'),
    maxConnections: config.get('DOWNSTREAM_MAX_CONNECTIONS'),
    maxResponseBytes: config.get('DOWNSTREAM_MAX_RESPONSE_BYTES'),
  };
  return {
    product: { baseUrl: config.get('PRODUCT_SERVICE_URL'), ...limits },
    review: { baseUrl: config.get('REVIEW_SERVICE_URL'), ...limits },
    inventory: { baseUrl: config.get('INVENTORY_SERVICE_URL'), ...limits },
    user: { baseUrl: config.get('USER_SERVICE_URL'), ...limits },
  };
}
