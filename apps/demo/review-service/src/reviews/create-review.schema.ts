import { reviewDraftSchema } from '@bff/downstream-contracts';
import { RESOURCE_ID_PATTERN } from '@bff/platform';
import { z } from 'zod';

/** The body of `POST /reviews`: the shopper's draft plus the product and the author's display name. */
export const createReviewSchema = reviewDraftSchema.extend({
  productId: z.string().regex(RESOURCE_ID_PATTERN, 'Must be 1 to 64 letters, digits, "-" or "_"'),
  author: z.string().trim().min(1).max(60),
});

export type CreateReviewInput = z.output<typeof createReviewSchema>;
