import { bootstrapHttpApp } from '@bff/platform';
import { AppModule } from './app/app.module';
import { InventoryServiceConfig } from './app/inventory-service.config';

void bootstrapHttpApp(AppModule, { name: 'inventory-service', config: InventoryServiceConfig });
