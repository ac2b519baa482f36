import { Module } from '@nestjs/common';
import { ConfigModule } from '@bff/config';
import { DemoFaultsModule } from '@bff/demo-kit';
import { PlatformModule } from '@bff/platform';
import { InventoryModule } from '../inventory/inventory.module';
import { InventoryServiceConfig, inventoryServiceConfigSchema } from './inventory-service.config';

@Module({
  imports: [
    ConfigModule.forRoot({ schema: inventoryServiceConfigSchema, token: InventoryServiceConfig }),
    PlatformModule.forRoot({ service: 'inventory-service' }),
    DemoFaultsModule,
    InventoryModule,
  ],
})
export class AppModule {}
