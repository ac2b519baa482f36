import { Injectable } from '@nestjs/common';
import type { DeliveryEstimate } from '@bff/downstream-contracts';
import { BffError } from '@bff/problem';
import { generateDeliveryEstimates } from './delivery-estimate.seed';

/** Delivery estimates per demo product, seeded once at start-up. */
@Injectable()
export class ShippingService {
  private readonly byProduct = new Map(
    generateDeliveryEstimates().map((estimate) => [estimate.productId, estimate]),
  );

  estimate(productId: string): DeliveryEstimate {
    const estimate = this.byProduct.get(productId);
    if (!estimate) throw new BffError('NOT_FOUND', `No product with id "${productId}".`);
    return estimate;
  }
}
