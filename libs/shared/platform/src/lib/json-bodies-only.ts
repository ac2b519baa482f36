import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** The parsers Fastify and Nest install besides JSON. */
const NON_JSON_PARSERS = ['text/plain', 'application/x-www-form-urlencoded'];

/**
 * Every body the gateways accept is JSON: any other media type is refused with 415
 * by Fastify before a route sees it, rather than parsed into a string or a form and
 * refused by the route's schema with a less precise 400. Runs once Nest has
 * installed its parsers (it adds a form parser at start-up) and before the server
 * takes requests.
 */
@Injectable()
export class JsonBodiesOnly implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (typeof fastify?.hasContentTypeParser !== 'function') return;
    for (const type of NON_JSON_PARSERS) {
      if (fastify.hasContentTypeParser(type)) fastify.removeContentTypeParser(type);
    }
  }
}
