// First: tracing, when on, instruments libraries the app's imports below load.
import './tracing';
import { bootstrapHttpApp } from '@bff/platform';
import { AppModule } from './app/app.module';
import { WebBffConfig } from './app/web-bff.config';

void bootstrapHttpApp(AppModule, { name: 'web-bff', config: WebBffConfig, accessLog: { client: 'web' } });
