import { Module } from '@nestjs/common';
import { DemoFaultsModule } from '@bff/demo-kit';
import { AmqpModule } from '@bff/platform';
import { DeliveryEstimateConsumer } from './delivery-estimate.consumer';
import { ShippingService } from './shipping.service';

@Module({
  // For AmqpFaultInjection: AMQP requests share the admin routes' fault knobs and counters.
  imports: [AmqpModule, DemoFaultsModule],
  providers: [ShippingService, DeliveryEstimateConsumer],
})
export class ShippingModule {}
