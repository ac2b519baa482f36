export { ReviewsModule } from './lib/reviews.module';
export { reviewsOptionsFrom, type ReviewsOptions } from './lib/reviews.options';
export { reviewCommandsConfigShape } from './lib/reviews-config.schema';
export { ReviewSubmissions } from './lib/review-submissions.service';
export { Operations } from './lib/operations.service';
export { operationIdFrom } from './lib/idempotency-key';
