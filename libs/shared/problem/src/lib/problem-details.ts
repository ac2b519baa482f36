/**
 * An RFC 9457 problem details body, as every gateway error is sent
 * (`Content-Type: application/problem+json`).
 *
 * @example
 * { "type": "urn:bff:problem:upstream-timeout", "title": "Upstream timed out", "status": 504,
 *   "detail": "The product service did not answer in time.", "code": "UPSTREAM_TIMEOUT" }
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
