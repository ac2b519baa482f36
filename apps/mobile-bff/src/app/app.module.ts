import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthModule, BffAuthGuard, authOptionsFromConfig } from '@bff/auth';
import { CachingModule } from '@bff/caching';
import { ConfigModule } from '@bff/config';
import { HealthProbesModule, healthProbesOptionsFrom } from '@bff/health';
import { MetricsModule, TracingModule } from '@bff/observability';
import { AdmissionModule, OpenApiModule, PlatformModule, admissionOptionsFrom, pipelineGuards } from '@bff/platform';
import { ReviewsModule, reviewsOptionsFrom } from '@bff/reviews';
import { ServiceClientsModule, serviceClientsOptionsFrom } from '@bff/service-clients';
import { RateLimitGuard, ThrottlingModule } from '@bff/throttling';
import { DeprecationHeadersHook } from './api-versions/deprecation-headers.hook';
import { MobileBffConfig, mobileBffConfigSchema } from './mobile-bff.config';
import { OperationsController } from './operations/operations.controller';
import { ProductDetailsController } from './product-details/product-details.controller';
import { ProductDetailsService } from './product-details/product-details.service';
import { ReviewsController } from './reviews/reviews.controller';
import { UsersController } from './users/users.controller';
import openApiDocument from '../../openapi.json';

@Module({
  imports: [
    ConfigModule.forRoot({ schema: mobileBffConfigSchema, token: MobileBffConfig }),
    PlatformModule.forRoot({ service: 'mobile-bff', config: MobileBffConfig }),
    // GET /openapi.json: the committed description, carried in the bundle (tools/scripts/generate-openapi.mjs writes it).
    OpenApiModule.forRoot({ document: openApiDocument, config: MobileBffConfig }),
    // Prometheus metrics on a management port of their own; the downstream clients report their calls to it.
    MetricsModule.forRoot({ service: 'mobile-bff', config: MobileBffConfig }),
    TracingModule,
    // Overload protection first of all: a request the gateway cannot serve costs it almost nothing.
    AdmissionModule.forRootAsync({
      inject: [MobileBffConfig],
      useFactory: (config: MobileBffConfig) =>
        admissionOptionsFrom(config, {
          'GET /product-details/:productId': config.get('PRODUCT_DETAILS_BUDGET_MS'),
          'GET /v1/product-details/:productId': config.get('PRODUCT_DETAILS_BUDGET_MS'),
          'GET /v2/product-details/:productId': config.get('PRODUCT_DETAILS_BUDGET_MS'),
        }),
    }),
    ServiceClientsModule.forRootAsync({ inject: [MobileBffConfig], useFactory: serviceClientsOptionsFrom, global: true }),
    // Its guard, like the rate limiter's, runs where the gateway pipeline (below) says.
    AuthModule.forRootAsync({ inject: [MobileBffConfig], useFactory: authOptionsFromConfig, globalGuard: false }),
    ThrottlingModule.forRootAsync({
      inject: [MobileBffConfig],
      useFactory: (config: MobileBffConfig) => ({
        tiers: { default: config.get('RATE_LIMIT_DEFAULT'), 'review-writes': config.get('RATE_LIMIT_REVIEW_WRITES') },
        defaultTier: 'default',
        trustedProxies: config.get('TRUSTED_PROXIES'),
        redisUrl: config.get('REDIS_URL'),
        keyPrefix: 'mobile-bff:rl:',
      }),
      globalGuard: false,
    }),
    // One key prefix for both BFFs, so a review posted through either drops both caches' pages.
    CachingModule.forRootAsync({
      inject: [MobileBffConfig],
      useFactory: (config: MobileBffConfig) => ({
        client: 'mobile',
        enabled: config.get('RESPONSE_CACHE_ENABLED'),
        redisUrl: config.get('REDIS_URL'),
        keyPrefix: 'bff:cache:',
      }),
    }),
    // Reviews are commands on RabbitMQ; their events drop the cached pages above.
    ReviewsModule.forRootAsync({ inject: [MobileBffConfig], useFactory: reviewsOptionsFrom }),
    // GET /health/live and /health/ready for orchestrators; no page or profile is served without the product and user services.
    HealthProbesModule.forRootAsync({
      inject: [MobileBffConfig],
      useFactory: (config: MobileBffConfig) => healthProbesOptionsFrom(config, ['product', 'user']),
    }),
  ],
  controllers: [OperationsController, ProductDetailsController, ReviewsController, UsersController],
  providers: [
    // The global guards, in the order of the request pipeline (GATEWAY_PIPELINE in @bff/platform).
    ...pipelineGuards({ identify: BffAuthGuard, limit: RateLimitGuard }).map((guard) => ({ provide: APP_GUARD, useExisting: guard })),
    ProductDetailsService,
    // Deprecation, Sunset and Link on the routes of deprecated API versions.
    DeprecationHeadersHook,
  ],
})
export class AppModule {}
