import { RESOURCE_ID_PATTERN } from '@bff/platform';
import { z } from 'zod';

/** The body of `POST /reviews`. Text is trimmed and bounded so one review cannot bloat every page. */
export const createReviewSchema = z.object({
  productId: z.string().regex(RESOURCE_ID_PATTERN, 'Must be 1 to 64 letters, digits, "-" or "_"'),
  rating: z.literal([1, 2, 3, 4, 5]),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(2_000),
  author: z.string().trim().min(1).max(60),
});

export type CreateReviewInput = z.output<typeof createReviewSchema>;
