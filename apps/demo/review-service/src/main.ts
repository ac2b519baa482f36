import { bootstrapHttpApp } from '@bff/platform';
import { AppModule } from './app/app.module';
import { ReviewServiceConfig } from './app/review-service.config';

void bootstrapHttpApp(AppModule, { name: 'review-service', config: ReviewServiceConfig });
