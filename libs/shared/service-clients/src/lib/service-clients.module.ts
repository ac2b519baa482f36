import { DOWNSTREAM_SERVICE_NAMES } from '@bff/downstream-contracts';
import { HttpService } from '@nestjs/axios';
import { AmqpModule } from '@bff/platform';
import { DynamicModule, Module, type Type } from '@nestjs/common';
import { AmqpRpcCaller } from './call/amqp-rpc.caller';
import { DownstreamCallObserver } from './call/downstream-call.observer';
import { DownstreamCallTracer } from './call/downstream-call.tracer';
import { DownstreamCaller } from './call/downstream-caller';
import { GrpcCaller } from './call/grpc-caller';
import { InventoryClient } from './clients/inventory.client';
import { ProductClient } from './clients/product.client';
import { ReviewClient } from './clients/review.client';
import { ShippingClient } from './clients/shipping.client';
import { UserClient } from './clients/user.client';
import {
  SERVICE_CLIENTS_OPTIONS,
  type DownstreamService,
  type ServiceClientsAsyncOptions,
  type ServiceClientsOptions,
} from './service-clients.options';
import { DownstreamHealth } from './resilience/downstream-health';
import { DownstreamResilience } from './resilience/downstream-resilience';
import { downstreamAxiosConfig } from './transport/downstream-axios.config';
import { AmqpRpcTransport } from './transport/amqp-rpc.transport';
import { DownstreamTransports } from './transport/downstream-transports';
import { GrpcClients } from './transport/grpc-clients';
import { GrpcHealthWatcher } from './transport/grpc-health.watcher';
import { leanAxios } from './transport/lean-axios';

/**
 * The app's call observer, if it has one; a metrics module switched off provides `null`.
 */
const OBSERVER = { token: DownstreamCallObserver, optional: true };
type Observer = DownstreamCallObserver | null;

/** The app's call tracer, if it exports traces; a tracing module with tracing off provides `null`. */
const TRACER = { token: DownstreamCallTracer, optional: true };
type Tracer = DownstreamCallTracer | null;

/** The client of each service in `DOWNSTREAM_SERVICES`: a service added there without one here does not compile. */
const CLIENTS: Readonly<Record<DownstreamService, Type>> = {
  product: ProductClient,
  review: ReviewClient,
  inventory: InventoryClient,
  user: UserClient,
  shipping: ShippingClient,
};

/**
 * Resolves the options once and owns what every client module shares: the
 * connection pools and each service's breaker, bulkhead and retry budget.
 */
@Module({})
class ServiceClientsCoreModule {}

/**
 * One per service: its own axios instance and `HttpService`, its own
 * `DownstreamCaller`, and the client built on them.
 */
@Module({})
class DownstreamClientModule {}

/**
 * Provides and exports `ProductClient`, `ReviewClient`, `InventoryClient`,
 * `UserClient` and `ShippingClient`, each with its own circuit breaker, bulkhead and
 * retry budget: the HTTP ones on their own axios instance backed by an undici
 * connection pool, the inventory one on a gRPC channel (`GrpcClients`), the shipping
 * one on an AMQP request/reply channel (`AmqpRpcTransport`), all closed when the app
 * shuts down; and `DownstreamHealth`, which reports their state. The gRPC services'
 * health (`GrpcHealthWatcher`) shows in `GET /ready` when the app has admission control.
 *
 * @example
 * // app.module.ts: options from the app's config, whose schema spreads downstreamConfigShape()
 * @Module({
 *   imports: [
 *     ConfigModule.forRoot({ schema: webBffConfigSchema, token: WebBffConfig }),
 *     ServiceClientsModule.forRootAsync({ inject: [WebBffConfig], useFactory: serviceClientsOptionsFrom, global: true }),
 *   ],
 * })
 * export class AppModule {}
 *
 * // anywhere in the app:
 * constructor(private readonly products: ProductClient) {}
 */
@Module({})
export class ServiceClientsModule {
  /**
   * Registers the clients with options known up front (tests, scripts).
   *
   * @example
   * ServiceClientsModule.forRoot(serviceClientsOptionsFrom(config))
   */
  static forRoot(options: ServiceClientsOptions, extras: { global?: boolean } = {}): DynamicModule {
    return this.forRootAsync({ useFactory: () => options, global: extras.global });
  }

  /**
   * Registers the clients with options from a factory, typically
   * {@link serviceClientsOptionsFrom} injected with the app's config class.
   *
   * @example
   * ServiceClientsModule.forRootAsync({ inject: [WebBffConfig], useFactory: serviceClientsOptionsFrom, global: true })
   */
  static forRootAsync(options: ServiceClientsAsyncOptions): DynamicModule {
    const core: DynamicModule = {
      module: ServiceClientsCoreModule,
      imports: [...(options.imports ?? []), AmqpModule],
      providers: [
        {
          provide: SERVICE_CLIENTS_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory as (
            ...deps: unknown[]
          ) => ServiceClientsOptions | Promise<ServiceClientsOptions>,
        },
        DownstreamTransports,
        GrpcClients,
        GrpcHealthWatcher,
        AmqpRpcTransport,
        DownstreamResilience,
      ],
      exports: [SERVICE_CLIENTS_OPTIONS, DownstreamTransports, GrpcClients, AmqpRpcTransport, DownstreamResilience],
    };
    const clients = DOWNSTREAM_SERVICE_NAMES.map((service) => clientModule(core, service, CLIENTS[service]));
    return {
      module: ServiceClientsModule,
      global: options.global,
      imports: [core, ...clients],
      providers: [DownstreamHealth],
      exports: [...clients, DownstreamHealth],
    };
  }
}

function clientModule(core: DynamicModule, service: DownstreamService, client: Type): DynamicModule {
  return {
    module: DownstreamClientModule,
    imports: [core],
    providers: [
      {
        // Nest's HttpService over this service's axios instance, whose per-call work is kept lean (see leanAxios).
        provide: HttpService,
        inject: [SERVICE_CLIENTS_OPTIONS, DownstreamTransports],
        useFactory: (options: ServiceClientsOptions, transports: DownstreamTransports) => {
          const transport = transports.adapterFor(service);
          return new HttpService(leanAxios(downstreamAxiosConfig(options[service], transport.adapter), transport));
        },
      },
      {
        provide: DownstreamCaller,
        inject: [HttpService, SERVICE_CLIENTS_OPTIONS, DownstreamResilience, OBSERVER, TRACER],
        useFactory: (http: HttpService, options: ServiceClientsOptions, resilience: DownstreamResilience, observer?: Observer, tracer?: Tracer) =>
          new DownstreamCaller(
            http,
            service,
            options[service],
            resilience.of(service),
            observer?.recorderFor(service, 'http'),
            tracer?.spansFor(service, 'http', options[service]),
          ),
      },
      {
        // The same resilience state as the HTTP caller's: a service's breaker judges it whatever the protocol.
        provide: GrpcCaller,
        inject: [SERVICE_CLIENTS_OPTIONS, DownstreamResilience, OBSERVER, TRACER],
        useFactory: (options: ServiceClientsOptions, resilience: DownstreamResilience, observer?: Observer, tracer?: Tracer) =>
          new GrpcCaller(
            service,
            options[service],
            resilience.of(service),
            observer?.recorderFor(service, 'grpc'),
            tracer?.spansFor(service, 'grpc', options[service]),
          ),
      },
      {
        provide: AmqpRpcCaller,
        inject: [SERVICE_CLIENTS_OPTIONS, DownstreamResilience, AmqpRpcTransport, OBSERVER, TRACER],
        useFactory: (
          options: ServiceClientsOptions,
          resilience: DownstreamResilience,
          transport: AmqpRpcTransport,
          observer?: Observer,
          tracer?: Tracer,
        ) =>
          new AmqpRpcCaller(
            service,
            options[service],
            resilience.of(service),
            transport,
            observer?.recorderFor(service, 'amqp'),
            tracer?.spansFor(service, 'amqp', options[service]),
          ),
      },
      client,
    ],
    exports: [client],
  };
}
