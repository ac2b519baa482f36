import { millis } from './format.mjs';
import { load, probe } from './measure.mjs';

/** Low load: few enough connections that nothing queues, so latency is the design's own. */
export const LOW_LOAD_CONNECTIONS = 10;
/** Every part of the fake downstream answers after this long. */
export const PART_DELAY_MS = 20;

/** The parts mobile-bff composes for GET /product-details/1, as it calls them. */
const PARTS = ['/products/1', '/reviews?productId=1&limit=10', '/inventory/1'];

/**
 * A composition costs its slowest part, not the sum: mobile-bff (cache off) against a
 * downstream answering every part after 20 ms, at 10 connections, next to each part
 * measured directly at the same concurrency. Parts get a shorter run: with a fixed
 * delay their median settles within seconds.
 *
 * @example
 * const { compositionP50, slowestPart, differenceMs } = await runLowLoad({ fleet, load: { duration: 10, warmup: 3 } });
 */
export async function runLowLoad({ fleet, load: { duration, warmup } }) {
  console.log(
    `\nLow load: mobile-bff GET /product-details/1, ${LOW_LOAD_CONNECTIONS} connections, every part delayed ${PART_DELAY_MS} ms`,
  );
  const result = { connections: LOW_LOAD_CONNECTIONS, partDelayMs: PART_DELAY_MS };
  try {
    const downstream = await fleet.get('downstream-slow');
    const bff = await fleet.get('mobile-bff-slow');
    const route = `${bff.url}/product-details/1`;
    const sample = await probe(route);
    if (sample.status !== 200) throw new Error(sample.error ?? `unloaded GET answered ${sample.status}`);

    process.stdout.write(`  ${'mobile-bff'.padEnd(22)} … `);
    result.composition = await load(route, {
      connections: LOW_LOAD_CONNECTIONS,
      duration,
      warmup,
      server: bff,
      ownPids: fleet.pids,
    });
    console.log(`p50 ${millis(result.composition.p50)}`);

    result.parts = [];
    for (const path of PARTS) {
      process.stdout.write(`  ${`direct ${path}`.padEnd(22)} … `);
      const measured = await load(downstream.url + path, {
        connections: LOW_LOAD_CONNECTIONS,
        duration: Math.max(2, Math.ceil(duration / 2)),
        warmup: Math.min(warmup, 1),
        ownPids: fleet.pids,
      });
      result.parts.push({ path, measured });
      console.log(`p50 ${millis(measured.p50)}`);
    }
    const slowest = result.parts.reduce((a, b) => (b.measured.p50 > a.measured.p50 ? b : a));
    result.compositionP50 = result.composition.p50;
    result.slowestPart = { path: slowest.path, p50: slowest.measured.p50 };
    result.differenceMs = result.compositionP50 - slowest.measured.p50;
  } catch (error) {
    result.error = error.message;
    console.log(`  ✖ ${error.message}`);
  } finally {
    // Only this group uses them; the RSS and start-up they reported stay in the results.
    await fleet.stop('mobile-bff-slow');
    await fleet.stop('downstream-slow');
  }
  return result;
}
