import { z } from 'zod';

/**
 * Whether a gateway exports traces, read from OpenTelemetry's own variables (the SDK
 * reads the rest of them itself: `OTEL_EXPORTER_OTLP_PROTOCOL`,
 * `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_TRACES_SAMPLER`, `OTEL_BSP_*`, …).
 *
 * On only when an OTLP endpoint is named (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) and neither `OTEL_SDK_DISABLED=true` nor
 * `OTEL_TRACES_EXPORTER=none` says otherwise. The SDK's own default, an exporter to
 * `localhost:4318` whenever it is loaded, would make a gateway with no collector try
 * a connection per batch; off, the SDK is not even loaded.
 *
 * @example
 * loadConfig(tracingConfigSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }); // { enabled: true, serviceName: undefined }
 */
export const tracingConfigSchema = z
  .object({
    OTEL_SDK_DISABLED: z.string().optional(),
    OTEL_SERVICE_NAME: z.string().optional(),
    OTEL_TRACES_EXPORTER: z.string().optional(),
    OTEL_EXPORTER_OTLP_ENDPOINT: endpointUrl(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpointUrl(),
  })
  .transform((env): TracingConfig => {
    const endpoint = nonBlank(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) ?? nonBlank(env.OTEL_EXPORTER_OTLP_ENDPOINT);
    const disabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
    const exporters = (env.OTEL_TRACES_EXPORTER ?? 'otlp').split(',').map((name) => name.trim().toLowerCase());
    return {
      enabled: endpoint !== undefined && !disabled && !exporters.every((name) => name === 'none'),
      serviceName: nonBlank(env.OTEL_SERVICE_NAME)?.trim(),
    };
  });

/**
 * The parsed decision of {@link tracingConfigSchema}.
 *
 * @example
 * const tracing: TracingConfig = { enabled: false, serviceName: undefined };
 */
export interface TracingConfig {
  enabled: boolean;
  /** `OTEL_SERVICE_NAME`, when set: it names the gateway in every span instead of the app's name. */
  serviceName: string | undefined;
}

/** Blank counts as unset, as the SDK reads it; anything else must be a URL. */
function endpointUrl() {
  return z
    .string()
    .refine((value) => value.trim() === '' || (/^https?:\/\//i.test(value) && URL.canParse(value)), 'must be an http(s) URL of an OTLP receiver')
    .optional();
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
