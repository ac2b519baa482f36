import { reviewDraftSchema } from './review-draft.schema';

const valid = { rating: 4, title: 'Sturdy', body: 'Survived a week of camping.' };

describe('reviewDraftSchema', () => {
  it('accepts a draft and trims its text', () => {
    expect(reviewDraftSchema.parse({ rating: 5, title: '  Sturdy ', body: '\nGreat.\t' })).toEqual({
      rating: 5,
      title: 'Sturdy',
      body: 'Great.',
    });
  });

  it.each([0, 6, 4.5, '5'])('rejects the rating %p: only whole stars from 1 to 5', (rating) => {
    expect(reviewDraftSchema.safeParse({ ...valid, rating }).success).toBe(false);
  });

  it('rejects a title or body that is empty once trimmed', () => {
    expect(reviewDraftSchema.safeParse({ ...valid, title: '   ' }).success).toBe(false);
    expect(reviewDraftSchema.safeParse({ ...valid, body: '\n' }).success).toBe(false);
  });

  it('bounds the title at 120 and the body at 2000 characters', () => {
    expect(reviewDraftSchema.safeParse({ ...valid, title: 't'.repeat(120), body: 'b'.repeat(2_000) }).success).toBe(true);
    expect(reviewDraftSchema.safeParse({ ...valid, title: 't'.repeat(121) }).success).toBe(false);
    expect(reviewDraftSchema.safeParse({ ...valid, body: 'b'.repeat(2_001) }).success).toBe(false);
  });

  it('drops fields a shopper may not set, such as the author', () => {
    expect(reviewDraftSchema.parse({ ...valid, author: 'Someone else' })).not.toHaveProperty('author');
  });
});
