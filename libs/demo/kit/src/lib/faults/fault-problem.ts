import { type ProblemDetails, codeForStatus, errorCatalogue, problemType } from '@bff/problem';

/**
 * The problem+json body of an injected error status. It keeps the exact status
 * asked for (a 503 stays a 503), unlike the exception filter, which folds unknown
 * 5xx into a bare 500.
 */
export function faultProblem(status: number, instance: string): ProblemDetails {
  const code = codeForStatus(status);
  return {
    type: problemType(code),
    title: errorCatalogue[code].title,
    status,
    detail: 'Fault injected on purpose.',
    instance,
    code,
  };
}
