export { BffError } from './lib/bff.error';
export { codeForStatus, errorCatalogue, problemType, type ErrorCode } from './lib/error-catalogue';
export { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './lib/problem-details';
export { ProblemDetailsFilter } from './lib/problem-details.filter';
export { statusOf } from './lib/status-of';
export { toProblem } from './lib/to-problem';
