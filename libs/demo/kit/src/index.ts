export { DEMO_PRODUCT_COUNT, demoProductIds } from './lib/demo-catalogue';
export { Prng } from './lib/prng';
export { paginate, parsePageRequest, type PageRequest } from './lib/pagination';
export { queryParam } from './lib/query-param';
export { DemoFaultsModule } from './lib/faults/demo-faults.module';
