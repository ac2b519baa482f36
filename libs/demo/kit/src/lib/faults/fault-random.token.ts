import { mulberry32 } from '../prng';

/**
 * DI token for the random source behind `errorRate`: `() => number` in [0, 1). The
 * default is seeded, so a fresh service fails the same requests on every run; tests
 * may override it with a scripted sequence.
 *
 * @example
 * Test.createTestingModule({ imports: [AppModule] })
 *   .overrideProvider(FAULT_RANDOM).useValue(() => 0.1)
 */
export const FAULT_RANDOM = Symbol('FAULT_RANDOM');

/** The seed of the default source; any fixed number would do. */
export const DEFAULT_FAULT_SEED = 0xfa017;

export const defaultFaultRandom = (): (() => number) => mulberry32(DEFAULT_FAULT_SEED);
