import { deliveryEstimateReplySchema } from '@bff/downstream-contracts';
import { DELIVERY_ESTIMATE_PATH, deliveryEstimateMethod } from './delivery-estimate.method';
import { ShippingService } from './shipping.service';

describe('deliveryEstimateMethod', () => {
  const method = deliveryEstimateMethod(new ShippingService());

  it('is matched by fault paths as the queue name without the prefix', () => {
    expect(DELIVERY_ESTIMATE_PATH).toBe('/shipping.v1.estimate');
  });

  it("answers a demo product's estimate", async () => {
    const reply = await method.handle({ productId: '42' });
    expect(deliveryEstimateReplySchema.parse(reply)).toEqual(reply);
    expect(reply).toMatchObject({ ok: true, estimate: { productId: '42' } });
  });

  it.each([
    ['no product id', {}],
    ['an empty product id', { productId: '' }],
    ['a number', { productId: 42 }],
    ['an unknown field', { productId: '42', country: 'NL' }],
    ['no object', 'product 42'],
  ])('rejects a request with %s as a 400', (_label, request) => {
    expect(() => method.handle(request)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('answers 404 for a product outside the demo catalogue', () => {
    expect(() => method.handle({ productId: '9999' })).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('reports failures in the reply schema', () => {
    const failure = method.failure(503, 'Upstream unavailable');
    expect(deliveryEstimateReplySchema.parse(failure)).toEqual({
      ok: false,
      status: 503,
      title: 'Upstream unavailable',
    });
  });

  it('garbles an estimate into JSON the reply schema rejects', async () => {
    const garbled = method.garble(await method.handle({ productId: '42' }));
    expect(deliveryEstimateReplySchema.safeParse(JSON.parse(JSON.stringify(garbled))).success).toBe(false);
  });
});
