import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Logger } from 'pino';
import { isInfrastructureRoute } from '../infrastructure-route';
import { requestContextOf } from '../request-context.hooks';
import { SubjectHash } from './subject-hash';

export interface AccessLogOptions {
  /** Which client's gateway this is (`web`, `mobile`): the line's `client`. */
  client: string;
  /** Keys the subject's hash (`LOG_SUBJECT_SECRET`); unset, a plain SHA-256. */
  subjectSecret?: string;
}

/** One access line; a field left undefined is not written. */
interface AccessLine {
  context: 'http';
  method: string;
  /** The route template (`/users/:userId`), never the path a client sent. */
  route: string | undefined;
  status: number;
  durationMs: number;
  client: string;
  requestId: string;
  traceId: string | undefined;
  subjectHash: string | undefined;
  degraded: readonly string[] | undefined;
}

/**
 * One access line per request, at `info`, written when the response has gone
 * (Fastify's `onResponse`): method, route template, status, duration, the client,
 * the request id, the trace id, a hash of the verified subject (see
 * {@link SubjectHash}) and the parts served degraded. No header, query string or body
 * is on the line, so none can leak; pino's redaction paths cover whatever else logs
 * headers.
 *
 * Cheap by construction: one object of a fixed shape written by the app's root
 * logger, no child logger and no closure per request. Infrastructure routes (health,
 * readiness, metrics: `INFRASTRUCTURE_ROUTE`) are not logged, nor requests turned
 * away before the pipeline with a 503 (admission control, a closing gateway): those
 * are counted by `AdmissionMetrics` and logged once per 10 s, and a line each would
 * add work exactly when the gateway has none to spare.
 *
 * @example
 * new AccessLog(root, { client: 'web', subjectSecret: config.get('LOG_SUBJECT_SECRET') }).install(fastify);
 */
export class AccessLog {
  private readonly subjects: SubjectHash;
  private readonly enabled: boolean;

  constructor(
    private readonly logger: Logger,
    private readonly options: AccessLogOptions,
  ) {
    this.subjects = new SubjectHash(options.subjectSecret);
    // The level is fixed at start-up: below `info` the hook is not installed at all.
    this.enabled = logger.isLevelEnabled('info');
  }

  install(fastify: FastifyInstance): void {
    if (this.enabled) fastify.addHook('onResponse', this.onResponse);
  }

  private readonly onResponse = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (isInfrastructureRoute(request)) return done();
    const context = requestContextOf(request);
    const status = reply.statusCode;
    if (context === undefined && status === 503) return done();
    const subject = context?.data.subject;
    const degraded = context?.degradedParts;
    const line: AccessLine = {
      context: 'http',
      method: request.method,
      route: request.routeOptions.url,
      status,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      client: this.options.client,
      requestId: request.id,
      // traceparent is `00-<32 hex trace id>-<16 hex span id>-<flags>`.
      traceId: context?.data.traceparent.slice(3, 35),
      subjectHash: subject === undefined ? undefined : this.subjects.of(subject),
      degraded: degraded !== undefined && degraded.length > 0 ? degraded : undefined,
    };
    this.logger.info(line, 'request completed');
    done();
  };
}
