export * from './lib/web-contracts.module';
