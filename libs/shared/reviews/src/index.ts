export { ReviewPublisher } from './lib/review-publisher';
