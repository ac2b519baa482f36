export * from './lib/mobile-contracts.module';
