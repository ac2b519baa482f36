import type { MobileProductDetails } from '@bff/mobile-contracts';
import { AppProcess, DemoFaults, DemoStack, request } from '@bff/testing';

const ESTIMATE = '/shipping.v1.estimate';

/**
 * The mobile product screen's delivery line, over AMQP request/reply from the real
 * shipping service: the fastest option only, and the same marker as every optional
 * part when the service fails.
 */
describe('mobile-bff: the fastest delivery option over AMQP', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let shipping: DemoFaults;

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('mobile-bff', {
      ...stack.bffEnv(),
      RESPONSE_CACHE_ENABLED: 'false',
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
    });
    shipping = new DemoFaults(stack.services.shipping.url);
  });

  afterEach(async () => {
    await shipping?.reset().catch(() => undefined);
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  const screen = () => request<MobileProductDetails>(`${bff.url}/product-details/3`);

  it('shows only the soonest option: its name, days and cost', async () => {
    const { status, headers, body } = await screen();

    expect(status).toBe(200);
    expect(headers.get('x-bff-degraded')).toBeNull();
    expect(body.delivery).toEqual({
      status: 'ok',
      name: expect.any(String),
      estimatedDays: expect.any(Number),
      cost: { amountMinor: expect.any(Number), currency: 'EUR' },
    });
    expect(Object.keys(body.delivery)).toHaveLength(4);
  });

  it('marks delivery unavailable and names it in x-bff-degraded when the service fails', async () => {
    await shipping.set({ status: 503, path: ESTIMATE });

    const { status, headers, body } = await screen();

    expect(status).toBe(200);
    expect(body.delivery).toEqual({ status: 'unavailable', reason: 'error' });
    expect(headers.get('x-bff-degraded')).toBe('delivery');
    expect(body.name).toBeDefined();
  });
});
