import { RequestTracer } from '@bff/platform';
import { DownstreamCallTracer } from '@bff/service-clients';
import { Global, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { OtelDownstreamCallTracer } from './otel-downstream-call.tracer';
import { OtelRequestTracer } from './otel-request.tracer';
import { stopTracing, tracingStarted } from './start-tracing';

/** How long closing the app waits for the last spans to reach the collector. */
const FLUSH_TIMEOUT_MS = 2_000;

/** The name spans are recorded under (the instrumentation scope). */
const SCOPE = '@bff/gateway';

/** Flushes the spans still batched when the app closes, after the requests have drained. */
@Injectable()
class TracingFlush implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return stopTracing(FLUSH_TIMEOUT_MS);
  }
}

/**
 * Traces for a gateway, once `startTracing` (`@bff/observability/tracing`, the first
 * import of `main.ts`) has started the SDK:
 *
 * - a server span per routed request, continuing an incoming `traceparent`: the
 *   module provides the `RequestTracer` the request context hooks start it with;
 * - a client span per downstream call, HTTP, gRPC or AMQP, whose ids the service
 *   receives as `traceparent`: it provides the `DownstreamCallTracer` the callers
 *   start them with;
 * - a span per Redis command, from the SDK's Redis instrumentation;
 * - on shutdown, once the requests in flight have finished, the spans still batched
 *   are exported, for up to 2 s.
 *
 * Global, so the platform's hooks and the downstream callers find its providers.
 * With tracing off both are `null`: nothing is recorded and nothing is added to a
 * request's path.
 *
 * @example
 * @Module({ imports: [MetricsModule.forRoot({ service: 'web-bff', config: WebBffConfig }), TracingModule] })
 * export class AppModule {}
 */
@Global()
@Module({
  providers: [
    TracingFlush,
    {
      provide: RequestTracer,
      useFactory: () => (tracingStarted() ? new OtelRequestTracer(trace.getTracer(SCOPE)) : null),
    },
    {
      provide: DownstreamCallTracer,
      useFactory: () => (tracingStarted() ? new OtelDownstreamCallTracer(trace.getTracer(SCOPE)) : null),
    },
  ],
  exports: [RequestTracer, DownstreamCallTracer],
})
export class TracingModule {}
