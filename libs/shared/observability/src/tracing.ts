/**
 * The tracing entry point an app's `main.ts` imports first, before anything that
 * loads an instrumented library: it must not reach the rest of this lib (its barrel
 * loads the downstream clients).
 */
export { startTracing } from './lib/tracing/start-tracing';
