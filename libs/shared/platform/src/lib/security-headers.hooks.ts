import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TLSSocket } from 'node:tls';
import { HSTS_HEADER, SECURITY_HEADERS } from './security-headers';
import { TrustedProxies } from './trusted-proxies';

/**
 * Puts {@link SECURITY_HEADERS} on every response Fastify sends, routed or not (404,
 * 405, 413, 429, 503 from admission control, `/health`), and HSTS on those that
 * reached the client over TLS: the gateway's own TLS, or a trusted proxy's that says
 * `X-Forwarded-Proto: https`. The header a client sends itself is believed only from
 * a trusted proxy, so plain HTTP never announces HSTS on a client's word. Set in
 * `onSend`, the one stage every sent response passes.
 */
@Injectable()
export class SecurityHeadersHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly trustedProxies: TrustedProxies,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (typeof fastify?.addHook !== 'function') return;
    fastify.addHook('onSend', this.onSend);
  }

  private readonly onSend = (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (error: null, payload: unknown) => void,
  ): void => {
    for (let i = 0; i < SECURITY_HEADERS.length; i++) {
      const [name, value] = SECURITY_HEADERS[i] as readonly [string, string];
      void reply.header(name, value);
    }
    if (this.cameOverTls(request)) void reply.header(HSTS_HEADER[0], HSTS_HEADER[1]);
    done(null, payload);
  };

  private cameOverTls(request: FastifyRequest): boolean {
    const socket = request.raw.socket as Partial<TLSSocket>;
    if (socket.encrypted === true) return true;
    const proto = request.headers['x-forwarded-proto'];
    if (typeof proto !== 'string') return false;
    // The proxy nearest the gateway writes the last entry.
    const nearest = proto.slice(proto.lastIndexOf(',') + 1).trim().toLowerCase();
    return nearest === 'https' && this.trustedProxies.trusts(request.raw.socket.remoteAddress ?? '');
  }
}
