import { problemMessage } from '../api/problem-message';

/** A failed request, said in words, where the failed content would have been. */
export function ProblemNotice({ error }: { error: unknown }) {
  return (
    <p className="problem" role="alert" data-testid="problem">
      {problemMessage(error)}
    </p>
  );
}
