import { bootstrapHttpApp } from '@bff/platform';
import { AppModule } from './app/app.module';
import { ShippingServiceConfig } from './app/shipping-service.config';

void bootstrapHttpApp(AppModule, { name: 'shipping-service', config: ShippingServiceConfig });
