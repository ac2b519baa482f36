import {
  deliveryEstimateReplySchema,
  type DeliveryEstimate,
  type DeliveryEstimateRequest,
} from '@bff/downstream-contracts';
import { Injectable } from '@nestjs/common';
import type { CallOptions } from '../call/call-options';
import { AmqpRpcCaller, type AmqpReply } from '../call/amqp-rpc.caller';

/**
 * Typed client of the shipping service, over AMQP request/reply (the request queue
 * `<AMQP_QUEUE_PREFIX>shipping.v1.estimate`, replies by direct reply-to): the
 * gateways speak REST to their clients and AMQP to this service, with the same
 * budgets, resilience and failure mapping as over HTTP.
 *
 * @example
 * const { options } = await shipping.getDeliveryEstimate('42', { signal });
 */
@Injectable()
export class ShippingClient {
  constructor(private readonly amqp: AmqpRpcCaller) {}

  /** The product's delivery options, cheapest first; an unknown product fails with `NOT_FOUND`. */
  getDeliveryEstimate(productId: string, options?: CallOptions): Promise<DeliveryEstimate> {
    const message: DeliveryEstimateRequest = { productId };
    return this.amqp.request(
      {
        message,
        reply: readReply,
        notFound: `No delivery estimate for product ${productId}.`,
        // Options of another product would show on the wrong page.
        isValid: (estimate) => estimate.productId === productId,
      },
      options,
    );
  }
}

function readReply(json: unknown): AmqpReply<DeliveryEstimate> {
  const reply = deliveryEstimateReplySchema.parse(json);
  return reply.ok ? { ok: true, value: reply.estimate } : { ok: false, status: reply.status };
}
