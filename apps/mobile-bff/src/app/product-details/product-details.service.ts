import { Injectable } from '@nestjs/common';
import { compose, optional, required } from '@bff/composition';
import type { MobileProductDetailsV2 } from '@bff/mobile-contracts';
import { InventoryClient, ProductClient, ReviewClient, ShippingClient } from '@bff/service-clients';
import { MobileBffConfig } from '../mobile-bff.config';
import { TOP_REVIEWS, toMobileProductDetailsV2 } from './product-details.mapper';

/**
 * The product screen in one round trip. Product is required; rating, stock and
 * delivery are optional, so the screen still opens (with a retry affordance) when the
 * review, inventory or shipping service is down. Only three reviews are fetched: that
 * is all it shows. It composes the newest version of the screen; the controller
 * derives the older ones from it.
 */
@Injectable()
export class ProductDetailsService {
  constructor(
    private readonly products: ProductClient,
    private readonly reviews: ReviewClient,
    private readonly inventory: InventoryClient,
    private readonly shipping: ShippingClient,
    private readonly config: MobileBffConfig,
  ) {}

  async get(productId: string): Promise<MobileProductDetailsV2> {
    const parts = await compose(
      {
        product: required((signal) => this.products.getProduct(productId, { signal })),
        rating: optional((signal) => this.reviews.listReviews({ productId, limit: TOP_REVIEWS }, { signal })),
        stock: optional((signal) => this.inventory.getInventory(productId, { signal })),
        delivery: optional((signal) => this.shipping.getDeliveryEstimate(productId, { signal })),
      },
      { budgetMs: this.config.get('PRODUCT_DETAILS_BUDGET_MS') },
    );
    return toMobileProductDetailsV2(parts);
  }
}
