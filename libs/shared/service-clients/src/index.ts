export * from './lib/service-clients.module';
