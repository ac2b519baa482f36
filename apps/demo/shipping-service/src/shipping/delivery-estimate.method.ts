import { BffError } from '@bff/problem';
import type { AmqpRpcMethod } from '@bff/demo-kit';
import {
  type DeliveryEstimateReply,
  amqpTopology,
  deliveryEstimateRequestSchema,
} from '@bff/downstream-contracts';
import type { ShippingService } from './shipping.service';

/**
 * The estimate queue's name without `AMQP_QUEUE_PREFIX`, after a `/`: what the request
 * log records and fault `path`s match, so `{ path: '/shipping' }` breaks estimates on
 * any stack whatever its prefix.
 */
export const DELIVERY_ESTIMATE_PATH = `/${amqpTopology('').deliveryEstimates}`;

/**
 * Delivery estimates as an AMQP request/reply method: a request that is not
 * `{ productId }` is a 400, a product outside the demo catalogue a 404, both as
 * `{ ok: false, status, title }` replies.
 *
 * @example
 * const reply = await amqpFaults.answer(deliveryEstimateMethod(shipping), message);
 */
export function deliveryEstimateMethod(shipping: ShippingService): AmqpRpcMethod<DeliveryEstimateReply> {
  return {
    path: DELIVERY_ESTIMATE_PATH,
    handle: (body) => {
      const request = deliveryEstimateRequestSchema.safeParse(body);
      if (!request.success)
        throw new BffError('BAD_REQUEST', 'A delivery-estimate request is { "productId": string }.');
      return { ok: true, estimate: shipping.estimate(request.data.productId) };
    },
    failure: (status, title) => ({ ok: false, status, title }),
    // Costs as decimal text ("4.95"): plausible drift a reader of the schema rejects.
    garble: (reply) =>
      reply.ok
        ? {
            ok: true,
            estimate: {
              ...reply.estimate,
              options: reply.estimate.options.map((option) => ({
                ...option,
                cost: { ...option.cost, amountMinor: (option.cost.amountMinor / 100).toFixed(2) },
              })),
            },
          }
        : reply,
  };
}
