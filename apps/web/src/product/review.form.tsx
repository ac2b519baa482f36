import { type FormEvent, useRef, useState } from 'react';
import type { ReviewDraft } from '@bff/downstream-contracts';
import { type ApiClient, newIdempotencyKey } from '../api/api.client';
import { ApiError } from '../api/api.error';
import { ProblemNotice } from '../app/problem.notice';
import type { Session } from '../session/session';

interface ReviewFormProps {
  api: ApiClient;
  productId: string;
  session: Session;
  onUnauthorized: () => void;
  /** Re-reads the page once the review is stored, so it shows. */
  onPublished: () => Promise<void>;
}

type Stage = { at: 'editing' } | { at: 'sending' } | { at: 'publishing' } | { at: 'published' } | { at: 'failed'; error: unknown };

/** Half a second between looks at the operation; a review is usually stored within one or two. */
const POLLING = { intervalMs: 500, timeoutMs: 20_000 };

/**
 * Posting a review is a command: the BFF answers 202 with an operation, which the
 * form follows until the review is stored, then the page is read again.
 */
export function ReviewForm({ api, productId, session, onUnauthorized, onPublished }: ReviewFormProps) {
  const [stage, setStage] = useState<Stage>({ at: 'editing' });
  // One key per review: sending the same review again after a failure cannot post it twice,
  // and an edited review is a new one (the BFF refuses a key reused for other content).
  const submission = useRef<{ draft: string; idempotencyKey: string } | undefined>(undefined);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const draft = {
      rating: Number(form.get('rating')) as ReviewDraft['rating'],
      title: String(form.get('title') ?? ''),
      body: String(form.get('body') ?? ''),
    };
    const sameDraft = JSON.stringify(draft);
    if (submission.current?.draft !== sameDraft) submission.current = { draft: sameDraft, idempotencyKey: newIdempotencyKey() };
    const { idempotencyKey } = submission.current;
    setStage({ at: 'sending' });
    try {
      const accepted = await api.submitReview(productId, draft, session.csrfToken, idempotencyKey);
      setStage({ at: 'publishing' });
      const settled = await api.settled(accepted, POLLING);
      if (settled.status !== 'done') throw new Error('Your review could not be published.');
      submission.current = undefined;
      formElement.reset();
      await onPublished();
      setStage({ at: 'published' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return onUnauthorized();
      setStage({ at: 'failed', error });
    }
  };

  const busy = stage.at === 'sending' || stage.at === 'publishing';
  return (
    <form className="form" onSubmit={(event) => void submit(event)} data-testid="review-form">
      <label>
        Rating
        <select name="rating" defaultValue="5">
          {[5, 4, 3, 2, 1].map((rating) => (
            <option key={rating} value={rating}>
              {rating} {rating === 1 ? 'star' : 'stars'}
            </option>
          ))}
        </select>
      </label>
      <label>
        Title
        <input name="title" required maxLength={120} />
      </label>
      <label>
        Review
        <textarea name="body" required maxLength={2000} rows={4} />
      </label>
      <button type="submit" disabled={busy}>
        {stage.at === 'sending' ? 'Sending…' : stage.at === 'publishing' ? 'Publishing…' : 'Post review'}
      </button>
      <p className="form-status" role="status" data-testid="review-status">
        {stage.at === 'publishing' ? 'Your review is on its way.' : stage.at === 'published' ? 'Thank you: your review is published.' : ''}
      </p>
      {stage.at === 'failed' ? <FailedNotice error={stage.error} /> : null}
    </form>
  );
}

function FailedNotice({ error }: { error: unknown }) {
  if (error instanceof ApiError) return <ProblemNotice error={error} />;
  return (
    <p className="problem" role="alert" data-testid="problem">
      {error instanceof Error ? error.message : 'Your review could not be posted.'}
    </p>
  );
}
