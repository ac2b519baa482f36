import { z } from 'zod';
import { metricsConfigShape, refineMetricsConfig } from './metrics-config.schema';

const schema = z.object({ PORT: z.coerce.number(), ...metricsConfigShape(9300) }).superRefine(refineMetricsConfig);

describe('metricsConfigShape', () => {
  it('serves metrics by default on loopback at the default management port', () => {
    expect(schema.parse({ PORT: '3000' })).toMatchObject({ METRICS_ENABLED: true, METRICS_PORT: 9300, METRICS_HOST: '127.0.0.1' });
  });

  it('takes METRICS_ENABLED=false as off, and METRICS_PORT=0 as any free port', () => {
    expect(schema.parse({ PORT: '3000', METRICS_ENABLED: 'false' }).METRICS_ENABLED).toBe(false);
    expect(schema.parse({ PORT: '0', METRICS_PORT: '0' })).toMatchObject({ METRICS_ENABLED: true, METRICS_PORT: 0 });
  });

  it('refuses a management port equal to the public one, and a flag that is not one', () => {
    const samePort = schema.safeParse({ PORT: '9300' });
    expect(samePort.success).toBe(false);
    expect(samePort.error?.issues[0]).toMatchObject({ path: ['METRICS_PORT'], message: expect.stringContaining('PORT') });
    expect(schema.safeParse({ PORT: '9300', METRICS_ENABLED: 'false' }).success).toBe(true);
    expect(schema.safeParse({ PORT: '3000', METRICS_ENABLED: 'no' }).success).toBe(false);
  });
});
