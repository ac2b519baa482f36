import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PROBLEM_CONTENT_TYPE } from '@bff/problem';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { faultSpecFromHeaders } from './fault-headers';
import { planFault } from './fault-plan';
import { faultProblem } from './fault-problem';
import { FAULT_RANDOM } from './fault-random.token';
import { FaultStore } from './fault-store.service';
import { type FaultClient, FaultWaits, type WaitOutcome } from './fault-waits';
import { RequestLog } from './request-log.service';
import { RequestStats } from './request-stats.service';

/** Routes that must keep answering while a service is being broken on purpose. */
const UNFAULTED_PREFIXES = ['/health', '/__admin'];

/** What a client sees when an upstream truncates its answer: a JSON content type and half an object. */
const TRUNCATED_JSON = '{"id":"1","name":"Trunc';

/**
 * Applies the fault knobs to every public request, as a Fastify `onRequest` hook so
 * a fault happens before routing to Nest, can drop the socket, and also covers
 * unknown routes. It also counts requests and client aborts, and records each
 * request's headers, for the admin API.
 */
@Injectable()
export class FaultInjectionHook implements OnModuleInit, BeforeApplicationShutdown {
  private readonly waits = new FaultWaits();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly store: FaultStore,
    private readonly stats: RequestStats,
    private readonly log: RequestLog,
    @Inject(FAULT_RANDOM) private readonly random: () => number,
  ) {}

  onModuleInit(): void {
    // Fastify binds hooks to routes when it boots, after module init, so routes
    // Nest has already declared get this hook too.
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, reply) => this.onRequest(request, reply));
  }

  beforeApplicationShutdown(): void {
    this.waits.endAll();
  }

  private async onRequest(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const path = request.url.split('?', 1)[0] ?? '/';
    if (!isPublic(path)) return undefined;
    this.stats.recordRequest(path);
    this.log.record(request.method, path, request.headers);
    const exchange = new Exchange(request, reply, () => this.stats.recordAborted());
    const spec = faultSpecFromHeaders(request.headers) ?? this.store.take(path);
    if (!spec) return undefined;

    const { latencyMs, action } = planFault(spec, this.random);
    if (latencyMs > 0 && (await this.wait(exchange, latencyMs)) !== 'elapsed') return reply.hijack();
    switch (action.kind) {
      case 'pass':
        return undefined;
      case 'reset':
        exchange.drop({ reset: true });
        return reply.hijack();
      case 'hang':
        await this.wait(exchange);
        return reply.hijack();
      case 'status':
        return reply.code(action.status).header('content-type', PROBLEM_CONTENT_TYPE).send(faultProblem(action.status, path));
      case 'invalid-body':
        return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(TRUNCATED_JSON);
    }
  }

  /** Waits for the fault; a shutdown drops the connection, as a dying upstream would. */
  private async wait(exchange: Exchange, ms?: number): Promise<WaitOutcome> {
    const outcome = await this.waits.wait(exchange, ms);
    if (outcome === 'shutdown') exchange.drop({ reset: false });
    return outcome;
  }
}

/** One request's connection, telling a client abort apart from a drop of our own. */
class Exchange implements FaultClient {
  private droppedByServer = false;

  constructor(
    readonly request: FastifyRequest,
    readonly reply: FastifyReply,
    onAbort: () => void,
  ) {
    reply.raw.once('close', () => {
      if (!reply.raw.writableEnded && !this.droppedByServer) onAbort();
    });
  }

  get gone(): boolean {
    return this.reply.raw.destroyed || this.request.raw.socket?.destroyed === true;
  }

  onGone(listener: () => void): () => void {
    this.reply.raw.once('close', listener);
    return () => this.reply.raw.off('close', listener);
  }

  /** Closes the connection without an answer; `reset` sends a TCP RST, as a crashed upstream would. */
  drop({ reset }: { reset: boolean }): void {
    this.droppedByServer = true;
    const socket = this.request.raw.socket;
    if (reset && typeof socket?.resetAndDestroy === 'function') socket.resetAndDestroy();
    else if (typeof socket?.destroy === 'function') socket.destroy();
    else this.request.raw.destroy();
  }
}

function isPublic(path: string): boolean {
  return !UNFAULTED_PREFIXES.some((prefix) => path === prefix || path.startsWith(prefix + '/'));
}
