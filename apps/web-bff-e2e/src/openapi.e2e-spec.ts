import { describeOpenApi } from '@bff/testing';

describeOpenApi('web-bff', [
  'GET /product-details/{productId}',
  'GET /users/{userId}',
  'GET /products/{productId}/reviews',
  'POST /products/{productId}/reviews',
  'GET /operations/{id}',
  'POST /auth/login',
  'GET /auth/me',
  'POST /auth/logout',
]);
