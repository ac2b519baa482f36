export * from './lib/caching.module';
