import { Module } from '@nestjs/common';
import { ConfigModule } from '@bff/config';
import { DemoFaultsModule } from '@bff/demo-kit';
import { PlatformModule } from '@bff/platform';
import { ProductsModule } from '../products/products.module';
import { ProductServiceConfig, productServiceConfigSchema } from './product-service.config';

@Module({
  imports: [
    ConfigModule.forRoot({ schema: productServiceConfigSchema, token: ProductServiceConfig }),
    PlatformModule.forRoot({ service: 'product-service' }),
    DemoFaultsModule,
    ProductsModule,
  ],
})
export class AppModule {}
