import { context, propagation, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';

/**
 * A tracer whose finished spans stay in memory, with the context manager and W3C
 * propagator the SDK installs, for specs of the span code.
 *
 * @example
 * const tracing = InMemoryTracing.install();
 * const [span] = await tracing.finished();
 * afterAll(() => tracing.uninstall());
 */
export class InMemoryTracing {
  private readonly exporter: InMemorySpanExporter;
  private readonly processor: SimpleSpanProcessor;
  readonly tracer: Tracer;

  private constructor() {
    this.exporter = new InMemorySpanExporter();
    this.processor = new SimpleSpanProcessor({ exporter: this.exporter });
    this.tracer = new TracerProvider({ spanProcessors: [this.processor] }).getTracer('spec');
  }

  static install(): InMemoryTracing {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    return new InMemoryTracing();
  }

  /** The spans ended so far, once exported (the processor exports asynchronously). */
  async finished(): Promise<readonly ReadableSpan[]> {
    await this.processor.forceFlush();
    return this.exporter.getFinishedSpans();
  }

  reset(): void {
    this.exporter.reset();
  }

  uninstall(): void {
    context.disable();
    propagation.disable();
  }
}
