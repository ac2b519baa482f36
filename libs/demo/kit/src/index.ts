export * from './lib/demo-kit.module';
