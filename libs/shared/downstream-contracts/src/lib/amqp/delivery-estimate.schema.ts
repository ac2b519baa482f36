import { z } from 'zod';

/**
 * A delivery-estimate request, as the gateways publish it to the shipping service's
 * queue (`amqpTopology(prefix).deliveryEstimates`) with `replyTo` and a correlation id.
 *
 * @example
 * const request: DeliveryEstimateRequest = { productId: '42' };
 */
export const deliveryEstimateRequestSchema = z.strictObject({
  productId: z.string().min(1).max(64),
});

export type DeliveryEstimateRequest = z.output<typeof deliveryEstimateRequestSchema>;

const moneySchema = z.strictObject({
  amountMinor: z.number().int().min(0),
  currency: z.string().length(3),
});

/** One way to ship a product: how many days it takes and what it costs. */
export const deliveryOptionSchema = z.strictObject({
  id: z.string().min(1).max(32),
  name: z.string().min(1).max(64),
  estimatedDays: z.number().int().min(0).max(365),
  cost: moneySchema,
});

export type DeliveryOption = z.output<typeof deliveryOptionSchema>;

/**
 * The delivery options of a product, cheapest first.
 *
 * @example
 * const estimate: DeliveryEstimate = {
 *   productId: '42',
 *   options: [{ id: 'standard', name: 'Standard', estimatedDays: 4, cost: { amountMinor: 495, currency: 'EUR' } }],
 * };
 */
export const deliveryEstimateSchema = z.strictObject({
  productId: z.string(),
  options: z.array(deliveryOptionSchema).min(1).max(16),
});

export type DeliveryEstimate = z.output<typeof deliveryEstimateSchema>;

/**
 * The shipping service's reply: the estimate, or a failure with the HTTP status that
 * names it (404 for an unknown product, 503 for an injected outage), so the gateways
 * map an AMQP failure with the same rules as an HTTP one. A reply the gateway cannot
 * parse as this is a bad upstream response.
 *
 * @example
 * const reply: DeliveryEstimateReply = { ok: false, status: 404, title: 'Not Found' };
 */
export const deliveryEstimateReplySchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), estimate: deliveryEstimateSchema }),
  z.strictObject({ ok: z.literal(false), status: z.number().int().min(400).max(599), title: z.string().max(200) }),
]);

export type DeliveryEstimateReply = z.output<typeof deliveryEstimateReplySchema>;
