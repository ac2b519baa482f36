import { bootstrapHttpApp } from '@bff/platform';
import { AppModule } from './app/app.module';
import { UserServiceConfig } from './app/user-service.config';

void bootstrapHttpApp(AppModule, { name: 'user-service', config: UserServiceConfig });
