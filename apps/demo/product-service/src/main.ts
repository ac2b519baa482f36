import { bootstrapHttpApp } from '@bff/platform';
import { AppModule } from './app/app.module';
import { ProductServiceConfig } from './app/product-service.config';

void bootstrapHttpApp(AppModule, { name: 'product-service', config: ProductServiceConfig });
