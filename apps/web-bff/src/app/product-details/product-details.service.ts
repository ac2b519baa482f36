import { Injectable } from '@nestjs/common';
import { compose, optional, required } from '@bff/composition';
import { InventoryClient, ProductClient, ReviewClient, ShippingClient } from '@bff/service-clients';
import type { WebProductDetails } from '@bff/web-contracts';
import { WebBffConfig } from '../web-bff.config';
import { toWebProductDetails } from './product-details.mapper';

/** Reviews shown on the first screen of a product page; more come from the cursor. */
export const FIRST_REVIEW_PAGE_SIZE = 10;

/**
 * A product page in one round trip: product (required, HTTP), first review page with
 * its rating summary (HTTP), stock (gRPC) and delivery options (AMQP request/reply),
 * the last three optional, are fetched in parallel within the page's budget.
 */
@Injectable()
export class ProductDetailsService {
  constructor(
    private readonly products: ProductClient,
    private readonly reviews: ReviewClient,
    private readonly inventory: InventoryClient,
    private readonly shipping: ShippingClient,
    private readonly config: WebBffConfig,
  ) {}

  async get(productId: string): Promise<WebProductDetails> {
    const parts = await compose(
      {
        product: required((signal) => this.products.getProduct(productId, { signal })),
        reviews: optional((signal) =>
          this.reviews.listReviews({ productId, limit: FIRST_REVIEW_PAGE_SIZE }, { signal }),
        ),
        inventory: optional((signal) => this.inventory.getInventory(productId, { signal })),
        delivery: optional((signal) => this.shipping.getDeliveryEstimate(productId, { signal })),
      },
      { budgetMs: this.config.get('PRODUCT_DETAILS_BUDGET_MS') },
    );
    return toWebProductDetails(parts);
  }
}
