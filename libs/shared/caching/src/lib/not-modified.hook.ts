import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const notModified = new WeakSet<FastifyRequest>();

/** Asks for this request's 200 to go out as a bodiless 304 (the client's `If-None-Match` matched). */
export function answerNotModified(request: FastifyRequest): void {
  notModified.add(request);
}

/**
 * Turns marked 200s into 304s on their way out. Nest sets a route's status after
 * the interceptors have run, so the status can only be changed this late, in
 * Fastify's `onSend`; the headers set before (`ETag`, `Cache-Control`, `Vary`,
 * `x-cache`) are kept and the body and its length dropped.
 */
@Injectable()
export class NotModifiedHook implements OnModuleInit {
  private readonly logger = new Logger('ResponseCache');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const instance: unknown = this.adapterHost.httpAdapter?.getInstance();
    if (!isFastify(instance)) {
      this.logger.warn('Not running on Fastify: If-None-Match will not be answered with 304');
      return;
    }
    instance.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (!notModified.has(request) || reply.statusCode !== 200) return payload;
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return null;
    });
  }
}

function isFastify(instance: unknown): instance is FastifyInstance {
  return typeof instance === 'object' && instance !== null && typeof (instance as FastifyInstance).addHook === 'function';
}
