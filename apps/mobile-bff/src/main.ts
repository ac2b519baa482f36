// First: tracing, when on, instruments libraries the app's imports below load.
import './tracing';
import { bootstrapHttpApp } from '@bff/platform';
import { AppModule } from './app/app.module';
import { MobileBffConfig } from './app/mobile-bff.config';

void bootstrapHttpApp(AppModule, { name: 'mobile-bff', config: MobileBffConfig, accessLog: { client: 'mobile' } });
