import { Module } from '@nestjs/common';
import { AmqpConnections } from './amqp-connections';

/**
 * Provides {@link AmqpConnections}. Every lib that talks to RabbitMQ imports this
 * module; Nest builds it once per application, so they share one connection per URL.
 *
 * @example
 * @Module({ imports: [AmqpModule], providers: [DeliveryClient] })
 * export class ShippingModule {}
 */
@Module({ providers: [AmqpConnections], exports: [AmqpConnections] })
export class AmqpModule {}
