import { describeOpenApi } from '@bff/testing';

describeOpenApi('mobile-bff', [
  'GET /product-details/{productId}',
  'GET /v1/product-details/{productId}',
  'GET /v2/product-details/{productId}',
  'GET /users/{userId}',
  'POST /products/{productId}/reviews',
  'GET /operations/{id}',
]);
