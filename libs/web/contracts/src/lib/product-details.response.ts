import type { Section } from '@bff/contracts';
import type {
  DeliveryOption,
  Product,
  RatingSummary,
  Review,
  WarehouseStock,
} from '@bff/downstream-contracts';

/** The first page of a product's reviews with the summary over all of them. */
export interface WebReviewsSection {
  items: Review[];
  /** Pass as `cursor` to `GET /products/:productId/reviews` for more; `null` on the last page. */
  nextCursor: string | null;
  summary: RatingSummary;
}

export interface WebInventorySection {
  inStock: boolean;
  totalQuantity: number;
  warehouses: WarehouseStock[];
}

/** Every way the product can be shipped, cheapest first, with its days and cost. */
export interface WebDeliverySection {
  options: DeliveryOption[];
}

/**
 * `GET /product-details/:productId` on the web BFF: everything a product page
 * renders, from one request. `product` is required (its failure fails the route);
 * `reviews`, `inventory` and `delivery` degrade to `{ status: 'unavailable', reason }`.
 *
 * @example
 * const page: WebProductDetails = await (await fetch('/product-details/1')).json();
 * if (page.reviews.status === 'ok') renderStars(page.reviews.summary.average);
 */
export interface WebProductDetails {
  product: Product;
  reviews: Section<WebReviewsSection>;
  inventory: Section<WebInventorySection>;
  delivery: Section<WebDeliverySection>;
}
