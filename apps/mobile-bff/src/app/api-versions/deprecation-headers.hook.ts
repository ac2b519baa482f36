import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MobileBffConfig } from '../mobile-bff.config';
import { type DeprecatedVersion, deprecatedVersionOf } from './deprecated-version.decorator';

/** The headers of one deprecated version, as they go out. */
export interface DeprecationHeaders {
  /** RFC 9745: a structured-field date, `@` and Unix seconds. */
  deprecation: string;
  /** RFC 8594: an HTTP-date. */
  sunset: string;
  /** RFC 8288: the migration note, as the deprecation and the sunset policy. */
  link: string;
}

/** The headers announcing a deprecation, built once from its dates and its note's URL. */
export function deprecationHeaders(deprecatedAt: Date, sunsetAt: Date, noteUrl: string): DeprecationHeaders {
  return {
    deprecation: `@${Math.floor(deprecatedAt.getTime() / 1_000)}`,
    sunset: sunsetAt.toUTCString(),
    link: `<${noteUrl}>; rel="deprecation", <${noteUrl}>; rel="sunset"`,
  };
}

/**
 * Announces deprecated versions on every answer of their routes (marked with
 * `@Deprecated`). A Fastify `onRequest` hook rather than an interceptor: it runs
 * before the guards and the response cache, so a 401, a 429, a cache hit and a 304
 * carry the headers too, and the header values are built once, at start-up.
 */
@Injectable()
export class DeprecationHeadersHook implements OnModuleInit {
  private readonly logger = new Logger('ApiVersions');
  private readonly headers: Readonly<Record<DeprecatedVersion, DeprecationHeaders>>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    config: MobileBffConfig,
  ) {
    this.headers = {
      v1: deprecationHeaders(
        config.get('MOBILE_V1_DEPRECATED_AT'),
        config.get('MOBILE_V1_SUNSET_AT'),
        config.get('MOBILE_V1_MIGRATION_URL'),
      ),
    };
  }

  onModuleInit(): void {
    const instance: unknown = this.adapterHost.httpAdapter?.getInstance();
    if (!isFastify(instance)) {
      this.logger.warn('Not running on Fastify: deprecated versions will not be announced');
      return;
    }
    instance.addHook('onRequest', (request, reply, done) => {
      const version = deprecatedVersionOf(request);
      if (version !== undefined) {
        const headers = this.headers[version];
        void reply.header('deprecation', headers.deprecation);
        void reply.header('sunset', headers.sunset);
        void reply.header('link', headers.link);
      }
      done();
    });
  }
}

function isFastify(instance: unknown): instance is FastifyInstance {
  return (
    typeof instance === 'object' &&
    instance !== null &&
    typeof (instance as FastifyInstance).addHook === 'function'
  );
}
