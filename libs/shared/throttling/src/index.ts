export * from './lib/throttling.module';
