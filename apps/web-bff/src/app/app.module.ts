import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthModule, BffAuthGuard, WebSessionModule, authOptionsFromConfig } from '@bff/auth';
import { CachingModule } from '@bff/caching';
import { ConfigModule } from '@bff/config';
import { HealthProbesModule, healthProbesOptionsFrom } from '@bff/health';
import { MetricsModule, TracingModule } from '@bff/observability';
import { AdmissionModule, OpenApiModule, PlatformModule, admissionOptionsFrom, pipelineGuards } from '@bff/platform';
import { ReviewsModule, reviewsOptionsFrom } from '@bff/reviews';
import { ServiceClientsModule, UserClient, serviceClientsOptionsFrom } from '@bff/service-clients';
import { RateLimitGuard, ThrottlingModule } from '@bff/throttling';
import { OperationsController } from './operations/operations.controller';
import { ProductDetailsController } from './product-details/product-details.controller';
import { ProductDetailsService } from './product-details/product-details.service';
import { ReviewsController } from './reviews/reviews.controller';
import { UsersController } from './users/users.controller';
import { WebAppRoutes } from './web-app/web-app.routes';
import { toWebUser } from './users/web-user.mapper';
import { WebBffConfig, webBffConfigSchema } from './web-bff.config';
import openApiDocument from '../../openapi.json';

@Module({
  imports: [
    ConfigModule.forRoot({ schema: webBffConfigSchema, token: WebBffConfig }),
    PlatformModule.forRoot({ service: 'web-bff', config: WebBffConfig }),
    // GET /openapi.json: the committed description, carried in the bundle (tools/scripts/generate-openapi.mjs writes it).
    OpenApiModule.forRoot({ document: openApiDocument, config: WebBffConfig }),
    // Prometheus metrics on a management port of their own; the downstream clients report their calls to it.
    MetricsModule.forRoot({ service: 'web-bff', config: WebBffConfig }),
    TracingModule,
    // Overload protection first of all: a request the gateway cannot serve costs it almost nothing.
    AdmissionModule.forRootAsync({
      inject: [WebBffConfig],
      useFactory: (config: WebBffConfig) =>
        admissionOptionsFrom(config, { 'GET /product-details/:productId': config.get('PRODUCT_DETAILS_BUDGET_MS') }),
    }),
    ServiceClientsModule.forRootAsync({ inject: [WebBffConfig], useFactory: serviceClientsOptionsFrom, global: true }),
    // Its guard, like the rate limiter's, runs where the gateway pipeline (below) says.
    AuthModule.forRootAsync({ inject: [WebBffConfig], useFactory: authOptionsFromConfig, globalGuard: false }),
    WebSessionModule.forRootAsync({
      inject: [WebBffConfig, UserClient],
      useFactory: (config: WebBffConfig, users: UserClient) => ({
        credentials: { verify: (email, password) => users.verifyCredentials({ email, password }) },
        redisUrl: config.get('REDIS_URL'),
        ttlSeconds: config.get('SESSION_TTL_SECONDS'),
        limits: { maxPerUser: config.get('SESSION_MAX_PER_USER'), maxTotal: config.get('SESSION_MAX_TOTAL') },
        // The browser app is the gateway's own: a signed-in user may write reviews through it.
        scopes: ['reviews:write'],
        profile: async (user) => toWebUser(await users.getUser(user.sub)),
      }),
    }),
    ThrottlingModule.forRootAsync({
      inject: [WebBffConfig],
      useFactory: (config: WebBffConfig) => ({
        tiers: {
          default: config.get('RATE_LIMIT_DEFAULT'),
          login: config.get('RATE_LIMIT_LOGIN'),
          'login-ip': config.get('RATE_LIMIT_LOGIN_IP'),
          'login-account': config.get('RATE_LIMIT_LOGIN_ACCOUNT'),
          'review-writes': config.get('RATE_LIMIT_REVIEW_WRITES'),
        },
        defaultTier: 'default',
        trustedProxies: config.get('TRUSTED_PROXIES'),
        redisUrl: config.get('REDIS_URL'),
        keyPrefix: 'web-bff:rl:',
      }),
      globalGuard: false,
    }),
    // One key prefix for both BFFs, so a review posted through either drops both caches' pages.
    CachingModule.forRootAsync({
      inject: [WebBffConfig],
      useFactory: (config: WebBffConfig) => ({
        client: 'web',
        enabled: config.get('RESPONSE_CACHE_ENABLED'),
        redisUrl: config.get('REDIS_URL'),
        keyPrefix: 'bff:cache:',
      }),
    }),
    // Reviews are commands on RabbitMQ; their events drop the cached pages above.
    ReviewsModule.forRootAsync({ inject: [WebBffConfig], useFactory: reviewsOptionsFrom }),
    // GET /health/live and /health/ready for orchestrators; no page or profile is served without the product and user services.
    HealthProbesModule.forRootAsync({
      inject: [WebBffConfig],
      useFactory: (config: WebBffConfig) => healthProbesOptionsFrom(config, ['product', 'user']),
    }),
  ],
  controllers: [OperationsController, ProductDetailsController, ReviewsController, UsersController],
  providers: [
    // The global guards, in the order of the request pipeline (GATEWAY_PIPELINE in @bff/platform).
    ...pipelineGuards({ identify: BffAuthGuard, limit: RateLimitGuard }).map((guard) => ({ provide: APP_GUARD, useExisting: guard })),
    ProductDetailsService,
    // The browser app's files at / and /assets/*, when WEB_APP_DIR is set.
    WebAppRoutes,
  ],
})
export class AppModule {}
