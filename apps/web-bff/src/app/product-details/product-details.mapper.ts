import { isUnavailable, type Unavailable } from '@bff/composition';
import type { DeliveryEstimate, Inventory, Product, ReviewPage } from '@bff/downstream-contracts';
import type { WebProductDetails } from '@bff/web-contracts';

export interface ProductDetailsParts {
  product: Product;
  reviews: ReviewPage | Unavailable;
  inventory: Inventory | Unavailable;
  delivery: DeliveryEstimate | Unavailable;
}

/** Shapes the downstream answers into the web product page. */
export function toWebProductDetails({ product, reviews, inventory, delivery }: ProductDetailsParts): WebProductDetails {
  return {
    product,
    reviews: isUnavailable(reviews)
      ? reviews
      : { status: 'ok', items: reviews.items, nextCursor: reviews.nextCursor, summary: reviews.summary },
    inventory: isUnavailable(inventory)
      ? inventory
      : {
          status: 'ok',
          inStock: inventory.totalQuantity > 0,
          totalQuantity: inventory.totalQuantity,
          warehouses: inventory.warehouses,
        },
    delivery: isUnavailable(delivery) ? delivery : { status: 'ok', options: delivery.options },
  };
}
