import { Module } from '@nestjs/common';
import { ConfigModule } from '@bff/config';
import { DemoFaultsModule } from '@bff/demo-kit';
import { PlatformModule } from '@bff/platform';
import { ShippingModule } from '../shipping/shipping.module';
import { ShippingServiceConfig, shippingServiceConfigSchema } from './shipping-service.config';

@Module({
  imports: [
    ConfigModule.forRoot({ schema: shippingServiceConfigSchema, token: ShippingServiceConfig }),
    PlatformModule.forRoot({ service: 'shipping-service' }),
    DemoFaultsModule,
    ShippingModule,
  ],
})
export class AppModule {}
