import { Module } from '@nestjs/common';
import { AmqpDeliveryFaults } from './amqp-delivery-faults.service';
import { AmqpFaultInjection } from './amqp-fault-injection.service';
import { FaultAdminController } from './fault-admin.controller';
import { FaultInjectionHook } from './fault-injection.hook';
import { FAULT_RANDOM, defaultFaultRandom } from './fault-random.token';
import { FaultStore } from './fault-store.service';
import { GrpcFaultInjection } from './grpc-fault-injection.service';
import { RequestLog } from './request-log.service';
import { RequestStats } from './request-stats.service';

/**
 * Fault knobs and request counters for a demo service, so gateway tests can make a
 * downstream slow, failing, hanging or garbled on demand:
 *
 * - per request, with `x-fault-*` headers (see {@link FAULT_HEADERS});
 * - for every matching request, with `PUT /__admin/faults` (a {@link FaultSpec}) and
 *   `DELETE /__admin/faults`;
 * - `GET /__admin/stats` and `DELETE /__admin/stats` read and reset the counters;
 * - `GET /__admin/requests?limit=` returns the most recent requests with their
 *   headers (what a gateway really forwarded); `DELETE /__admin/stats` clears them too.
 *
 * `/health` and `/__admin/*` are never faulted nor counted. Works on the Fastify
 * adapter only. A service that also serves gRPC wraps its methods with the exported
 * {@link GrpcFaultInjection}, and one that answers requests over AMQP runs them
 * through {@link AmqpFaultInjection}, so the same knobs, counters and log cover them.
 *
 * @example
 * @Module({ imports: [PlatformModule.forRoot({ service: 'product-service' }), DemoFaultsModule] })
 * export class AppModule {}
 */
@Module({
  controllers: [FaultAdminController],
  providers: [
    FaultStore,
    RequestStats,
    RequestLog,
    FaultInjectionHook,
    GrpcFaultInjection,
    AmqpFaultInjection,
    AmqpDeliveryFaults,
    { provide: FAULT_RANDOM, useFactory: defaultFaultRandom },
  ],
  exports: [GrpcFaultInjection, AmqpFaultInjection, AmqpDeliveryFaults],
})
export class DemoFaultsModule {}
