import { z } from 'zod';

/**
 * What a shopper writes in a review, as the review service accepts it: gateways
 * validate a posted review against this before calling the service, and the
 * service validates against it again. Text is trimmed and bounded so one review
 * cannot bloat every page that shows it.
 *
 * @example
 * const draft = reviewDraftSchema.parse({ rating: 5, title: 'Sturdy', body: 'Survived a week of camping.' });
 */
export const reviewDraftSchema = z.object({
  rating: z.literal([1, 2, 3, 4, 5]),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(2_000),
});

export type ReviewDraft = z.output<typeof reviewDraftSchema>;
