import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BffError } from './bff.error';
import type { ProblemDetails } from './problem-details';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { RateLimitedLogger } from './rate-limited.logger';
import { toProblem } from './to-problem';

/**
 * The one place an error becomes a response: every exception, expected or not, is
 * answered as `application/problem+json`, and logged by what it means:
 *
 * - an expected failure (a downstream's answer mapped to a 4xx, a 502/503/504, an
 *   open breaker or a full bulkhead) is one warn line without a stack, naming the
 *   route template, status, code, downstream service, reason and request id, at most
 *   once a minute per distinct line (see {@link RateLimitedLogger}): a service that is
 *   down makes every request fail the same way, and the log says so once;
 * - an unexpected one (a 500) is logged at error with its stack, every time;
 * - any other 4xx is the client's mistake, answered and not logged.
 *
 * A `BffError` that says when to come back (a `retryAfterSeconds` extension) also
 * gets a `Retry-After` header, so no route has to remember it.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');
  private readonly expected = new RateLimitedLogger(this.logger);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, request.url.split('?')[0]);
    this.report(error, problem, request);
    if (reply.sent) return;
    const retryAfter = error instanceof BffError ? error.extensions['retryAfterSeconds'] : undefined;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private report(error: unknown, problem: ProblemDetails, request: FastifyRequest): void {
    const route = `${request.method} ${request.routeOptions?.url ?? '(no route)'}`;
    if (error instanceof BffError && problem.code !== 'INTERNAL') {
      const service = error.extensions['service'];
      if (problem.status < 500 && service === undefined) return;
      const line = `${route} ${problem.status} ${problem.code}${service === undefined ? '' : ` service=${String(service)}`} reason="${reasonOf(error)}"`;
      this.expected.warn(line, `requestId=${request.id}`);
      return;
    }
    if (problem.status >= 500) {
      this.logger.error(
        `${route} ${problem.status} ${problem.code} requestId=${request.id}`,
        error instanceof Error ? error.stack : String(error),
      );
    }
  }
}

/** The breaker's or bulkhead's verdict if there is one, else what the call failed with. */
function reasonOf(error: BffError): string {
  const reason = error.extensions['reason'];
  if (typeof reason === 'string') return reason;
  if (error.extensions['cancelled'] === true) return 'cancelled';
  return error.cause instanceof Error ? error.cause.message : (error.detail ?? error.message);
}
