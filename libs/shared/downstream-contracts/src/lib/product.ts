import type { Money } from './money';

export type ImageSize = 'thumbnail' | 'small' | 'medium' | 'large';

export interface ProductImage {
  size: ImageSize;
  url: string;
  width: number;
  height: number;
}

/**
 * A product as the product service returns it from `GET /products/:id`.
 *
 * @example
 * const p: Product = await productClient.getProduct('1');
 */
export interface Product {
  id: string;
  name: string;
  description: string;
  brand: string;
  category: string;
  price: Money;
  images: ProductImage[];
  attributes: Record<string, string>;
  createdAt: string;
}
