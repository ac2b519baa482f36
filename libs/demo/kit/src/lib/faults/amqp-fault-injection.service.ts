import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { BffError, codeForStatus, errorCatalogue } from '@bff/problem';
import { messageHeaders } from './amqp-message-headers';
import { faultSpecFromHeaders } from './fault-headers';
import { planFault } from './fault-plan';
import { FAULT_RANDOM } from './fault-random.token';
import { FaultStore } from './fault-store.service';
import { type FaultClient, FaultWaits, type WaitOutcome } from './fault-waits';
import { RequestLog } from './request-log.service';
import { RequestStats } from './request-stats.service';

/**
 * One request/reply method of a demo service's AMQP API, as
 * {@link AmqpFaultInjection.answer} serves it. Requests and replies are JSON.
 *
 * @example
 * const estimate: AmqpRpcMethod<DeliveryEstimateReply> = {
 *   path: '/shipping.v1.estimate',
 *   handle: (request) => ({ ok: true, estimate: shipping.estimate(parse(request).productId) }),
 *   failure: (status, title) => ({ ok: false, status, title }),
 *   garble: (reply) => ({ ...reply, ok: 'yes' }),
 * };
 */
export interface AmqpRpcMethod<Reply> {
  /**
   * What the request log records and a fault's `path` matches: `/` and the request
   * queue's name without `AMQP_QUEUE_PREFIX` (`/shipping.v1.estimate`), so one knob
   * works under whatever prefix a stack runs.
   */
  path: string;
  /** The reply to a parsed request body; a thrown `BffError` is answered with {@link failure} of its status. */
  handle(request: unknown): Reply | Promise<Reply>;
  /** The reply that reports a failure by its HTTP status: an injected `status`, a thrown `BffError`, a shutdown. */
  failure(status: number, title: string): Reply;
  /** What `invalidBody` answers instead: JSON a client that checks the reply's schema rejects. */
  garble(reply: Reply): unknown;
}

/**
 * The parts of a consumed message the knobs read (amqplib's `ConsumeMessage` has them):
 * the body, the headers (`x-fault-*`, and whatever the log should show), and the
 * `expiration` the publisher gave the request, in milliseconds as text.
 */
export interface AmqpRequestMessage {
  readonly content: Buffer;
  readonly properties: {
    readonly headers?: Readonly<Record<string, unknown>>;
    readonly expiration?: unknown;
  };
}

/** The method the request log records an AMQP request under. */
export const AMQP_REQUEST_METHOD = 'PUBLISH';

/** Waits end with this status when the service shuts down, as an HTTP service's would with a 503. */
const SHUTTING_DOWN = 503;

/**
 * The fault knobs for a demo service's AMQP request/reply methods: the same
 * `FaultStore`, `x-fault-*` knobs (as message headers), error-rate roll, counters and
 * request log as HTTP requests, with `/<queue without the prefix>` where HTTP has the
 * URL path. A request is logged as a `PUBLISH` with its headers. A message has no
 * connection of its own to break, so the knobs map to replies:
 *
 * - `status` replies {@link AmqpRpcMethod.failure} of that status; `grpcStatus` is
 *   ignored (as HTTP requests ignore it); an `errorRate` hit without a status is a 500;
 * - `latencyMs` delays the reply;
 * - `invalidBody` replies {@link AmqpRpcMethod.garble} of the real reply;
 * - `hang` and `reset` send no reply at all: the requester times out. A hang holds
 *   the request until its publisher has stopped waiting (see below) or the service
 *   shuts down; a reset lets go of it at once.
 *
 * The publisher's `expiration` stands in for the client's deadline: once that many
 * milliseconds have passed since the message arrived, nobody waits for the reply, so
 * a wait (latency or hang) ends without one and the request counts as aborted. A
 * shutdown ends every wait with a 503 reply.
 *
 * @example
 * const reply = await amqpFaults.answer(estimateMethod, message);
 * if (reply) channel.publish('', message.properties.replyTo, reply, { correlationId, contentType: 'application/json' });
 * channel.ack(message);
 */
@Injectable()
export class AmqpFaultInjection implements BeforeApplicationShutdown {
  private readonly waits = new FaultWaits();

  constructor(
    private readonly store: FaultStore,
    private readonly stats: RequestStats,
    private readonly log: RequestLog,
    @Inject(FAULT_RANDOM) private readonly random: () => number,
  ) {}

  /** The JSON reply to `message`, after any fault; `undefined` when no reply is to be sent. */
  async answer<Reply>(
    method: AmqpRpcMethod<Reply>,
    message: AmqpRequestMessage,
  ): Promise<Buffer | undefined> {
    const headers = messageHeaders(message.properties.headers);
    this.stats.recordRequest(method.path);
    this.log.record(AMQP_REQUEST_METHOD, method.path, headers);
    try {
      const spec = faultSpecFromHeaders(headers) ?? this.store.take(method.path);
      if (spec === undefined) return json(await method.handle(parseBody(message.content)));

      const { latencyMs, action } = planFault(spec, this.random);
      const requester = new AmqpRequester(message.properties.expiration);
      if (latencyMs > 0) {
        const outcome = await this.waits.wait(requester, latencyMs);
        if (outcome !== 'elapsed') return this.afterWait(method, outcome);
      }
      switch (action.kind) {
        case 'pass':
          return json(await method.handle(parseBody(message.content)));
        case 'status':
          return json(method.failure(action.status, titleOf(action.status)));
        case 'invalid-body':
          return json(method.garble(await method.handle(parseBody(message.content))));
        case 'reset':
          return undefined;
        case 'hang':
          return this.afterWait(method, await this.waits.wait(requester));
      }
    } catch (error) {
      return json(failureOf(method, error));
    }
  }

  beforeApplicationShutdown(): void {
    this.waits.endAll();
  }

  /** A wait cut short: a shutdown replies 503; a requester that gave up gets nothing. */
  private afterWait<Reply>(method: AmqpRpcMethod<Reply>, outcome: WaitOutcome): Buffer | undefined {
    if (outcome === 'shutdown') return json(method.failure(SHUTTING_DOWN, titleOf(SHUTTING_DOWN)));
    if (outcome === 'client-gone') this.stats.recordAborted();
    return undefined;
  }
}

/** The catalogue's short title of a status: it names the failure and leaks nothing. */
function titleOf(status: number): string {
  return errorCatalogue[codeForStatus(status)].title;
}

function failureOf<Reply>(method: AmqpRpcMethod<Reply>, error: unknown): Reply {
  if (error instanceof BffError) return method.failure(error.status, errorCatalogue[error.code].title);
  return method.failure(500, titleOf(500));
}

function parseBody(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    throw new BffError('BAD_REQUEST', 'The request body is not JSON.');
  }
}

function json(reply: unknown): Buffer {
  return Buffer.from(JSON.stringify(reply));
}

/**
 * The publisher of one request as a {@link FaultClient}: it has gone once the
 * request's `expiration` has passed since the message arrived. That is a bound from
 * above (the message may have waited in the queue first), and without an
 * `expiration` the publisher never goes.
 */
class AmqpRequester implements FaultClient {
  private readonly deadline: number | undefined;

  constructor(expiration: unknown) {
    const ms = typeof expiration === 'string' && expiration !== '' ? Number(expiration) : Number.NaN;
    this.deadline = Number.isFinite(ms) && ms >= 0 ? Date.now() + ms : undefined;
  }

  get gone(): boolean {
    return this.deadline !== undefined && Date.now() >= this.deadline;
  }

  onGone(listener: () => void): () => void {
    if (this.deadline === undefined) return () => undefined;
    const timer = setTimeout(listener, this.deadline - Date.now());
    return () => clearTimeout(timer);
  }
}
