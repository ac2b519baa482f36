import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { toProblem } from './to-problem';

/**
 * The one place an error becomes a response: every exception, expected or not, is
 * answered as `application/problem+json`. Unexpected ones (5xx) are logged with
 * their stack here and reach the client without it.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, request.url.split('?')[0]);
    if (problem.status >= 500) {
      this.logger.error(
        `${request.method} ${problem.instance} -> ${problem.status} ${problem.code}`,
        error instanceof Error ? error.stack : String(error),
      );
    }
    if (reply.sent) return;
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
