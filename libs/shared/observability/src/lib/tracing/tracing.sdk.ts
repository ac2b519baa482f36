import { RedisInstrumentation } from '@opentelemetry/instrumentation-redis';
import { NodeSDK } from '@opentelemetry/sdk-node';

/**
 * A started OpenTelemetry SDK, as the gateway needs to hold it: to flush and stop it
 * when the app closes.
 *
 * @example
 * await sdk.shutdown(); // exports the spans still batched, then stops
 */
export interface TracingSdk {
  shutdown(): Promise<void>;
}

/**
 * Starts the Node SDK as its `OTEL_*` variables configure it (exporter, protocol,
 * endpoint, headers, sampler, batch sizes, resource attributes), with three choices
 * of the gateway's own:
 *
 * - traces only: metrics are Prometheus's (`MetricsModule`), logs are pino's, so no
 *   meter or log exporter is built whatever `OTEL_METRICS_EXPORTER` says;
 * - one instrumentation, for Redis commands (`@redis/client`): HTTP, gRPC and AMQP
 *   calls get their spans from the downstream callers themselves, which know the
 *   service, the route template and the outcome, and the server span comes from
 *   the request context hooks, which know the route; instrumenting `node:http`,
 *   undici, grpc-js and amqplib as well would double every span and every
 *   `traceparent`;
 * - a Redis span records the command's name only (`db.operation.name`), never its
 *   keys or arguments: keys hold session ids and user ids. A command outside any
 *   request (health pings, subscriptions) makes no trace of its own.
 *
 * Loaded only when tracing is on: its `require` is what pulls the SDK in.
 *
 * @example
 * const sdk = startTracingSdk('web-bff');
 */
export function startTracingSdk(serviceName: string): TracingSdk {
  const sdk = new NodeSDK({
    // Given here, it would outrank OTEL_SERVICE_NAME: the caller passes that one when set.
    serviceName,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new RedisInstrumentation({ requireParentSpan: true, dbStatementSerializer: (command) => command }),
    ],
  });
  sdk.start();
  return sdk;
}
