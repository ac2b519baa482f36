import { load } from './measure.mjs';

/** Memory is judged after this much load: enough for caches, pools and the heap to settle. */
export const SOAK_SECONDS = 60;
/** The production-like instances whose memory the target checks. */
export const SOAKED_BFFS = ['web-bff', 'mobile-bff'];

/**
 * Tops the BFFs up to 60 s of cumulative load with unmeasured traffic on their heaviest
 * route (the composition), so the memory target reads a process that has worked for a
 * minute whatever groups ran before. BFFs already past 60 s get nothing more.
 *
 * @example
 * const soaked = await soak({ fleet, connections: 50 }); // { 'web-bff': 21, 'mobile-bff': 0 }
 */
export async function soak({ fleet, connections }) {
  const added = {};
  const pending = SOAKED_BFFS.map((name) => [name, fleet.running(name)]).filter(
    ([, server]) => server && server.loadSeconds < SOAK_SECONDS,
  );
  if (pending.length)
    console.log(`\nSoak: topping BFFs up to ${SOAK_SECONDS} s of load for the memory target`);
  for (const [name, server] of pending) {
    const seconds = Math.ceil(SOAK_SECONDS - server.loadSeconds);
    process.stdout.write(`  ${name.padEnd(22)} … ${seconds} s on GET /product-details/1 … `);
    await load(`${server.url}/product-details/1`, { connections, duration: seconds, warmup: 0, server });
    added[name] = seconds;
    console.log('done');
  }
  return added;
}
