import { loadConfig } from '@bff/config';
import { tracingConfigSchema } from './tracing-config.schema';

const ENDPOINT = 'http://127.0.0.1:4318';

describe('tracingConfigSchema', () => {
  it('is off when no OTLP endpoint is set, whatever else is', () => {
    expect(loadConfig(tracingConfigSchema, {}).enabled).toBe(false);
    expect(loadConfig(tracingConfigSchema, { OTEL_SERVICE_NAME: 'web', OTEL_TRACES_EXPORTER: 'otlp' }).enabled).toBe(false);
    expect(loadConfig(tracingConfigSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }).enabled).toBe(false);
  });

  it.each([['OTEL_EXPORTER_OTLP_ENDPOINT'], ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']])('is on with %s', (name) => {
    expect(loadConfig(tracingConfigSchema, { [name]: ENDPOINT }).enabled).toBe(true);
  });

  it.each([
    [{ OTEL_SDK_DISABLED: 'true' }],
    [{ OTEL_SDK_DISABLED: 'TRUE' }],
    [{ OTEL_TRACES_EXPORTER: 'none' }],
  ])('is off when %j turns it off, endpoint or not', (off) => {
    expect(loadConfig(tracingConfigSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, ...off }).enabled).toBe(false);
  });

  it('stays on with OTEL_SDK_DISABLED=false', () => {
    expect(loadConfig(tracingConfigSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_SDK_DISABLED: 'false' }).enabled).toBe(true);
  });

  it('takes OTEL_SERVICE_NAME as the name, when set', () => {
    expect(loadConfig(tracingConfigSchema, { OTEL_SERVICE_NAME: ' shop-web ' }).serviceName).toBe('shop-web');
    expect(loadConfig(tracingConfigSchema, { OTEL_SERVICE_NAME: '' }).serviceName).toBeUndefined();
  });

  it('refuses an endpoint that is not a URL, naming the variable', () => {
    expect(() => loadConfig(tracingConfigSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
