import { readFileSync } from 'node:fs';
import { count, millis } from './format.mjs';
import { load, probe } from './measure.mjs';

/** Connection counts from comfortable to far past what one CPU can compose. */
export const OVERLOAD_CONNECTIONS = [50, 200, 1_000];

/**
 * Descriptors a level needs in each process (the load generator's sockets, the BFF's
 * inbound ones) on top of what a Node process holds anyway.
 */
const DESCRIPTOR_HEADROOM = 512;

/**
 * What mobile-bff does past its capacity (cache off, composition route): total req/s,
 * goodput (2xx per second), requests shed with 503, and the p99 of successes and of
 * 503s apart, since a fast 503 is the point of shedding and must not hide slow
 * successes. A level needing more file descriptors than `ulimit -n` allows is skipped
 * with the limit to raise.
 *
 * @example
 * const levels = await runOverload({ fleet, load: { duration: 10, warmup: 3 } });
 * levels[2]; // { connections: 1000, rps, goodput, shed, okP99, shedP99, ... }
 */
export async function runOverload({ fleet, load: { duration, warmup } }) {
  console.log('\nOverload: mobile-bff GET /product-details/1, cache off');
  const levels = [];
  let bff;
  try {
    bff = await fleet.get('mobile-bff');
    const sample = await probe(`${bff.url}/product-details/1`);
    if (sample.status !== 200) throw new Error(sample.error ?? `unloaded GET answered ${sample.status}`);
  } catch (error) {
    console.log(`  ✖ ${error.message}`);
    return [{ error: error.message }];
  }
  const descriptors = openFileLimit();
  for (const connections of OVERLOAD_CONNECTIONS) {
    const label = `${connections.toLocaleString('en-US')} connections`;
    if (descriptors !== undefined && descriptors < connections + DESCRIPTOR_HEADROOM) {
      const skipped = `ulimit -n is ${descriptors}; raise it to ≥ ${connections + DESCRIPTOR_HEADROOM}`;
      levels.push({ connections, skipped });
      console.log(`  ${label.padEnd(22)} skipped: ${skipped}`);
      continue;
    }
    process.stdout.write(`  ${label.padEnd(22)} … `);
    const measured = await load(`${bff.url}/product-details/1`, {
      connections,
      duration,
      warmup,
      server: bff,
      ownPids: fleet.pids,
    });
    const level = {
      connections,
      rps: measured.requests / measured.seconds,
      goodput: measured.ok.count / measured.seconds,
      shed: measured.shed.count,
      okP99: measured.ok.p99,
      shedP99: measured.shed.p99,
      otherNon2xx: measured.non2xx - measured.shed.count,
      errors: measured.errors,
      measured,
    };
    levels.push(level);
    console.log(`${count(level.goodput)} 2xx/s, ${count(level.shed)} shed, p99 ok ${millis(level.okP99)}`);
  }
  return levels;
}

/** The soft `ulimit -n` this process (and so every server it spawns) runs under. */
function openFileLimit() {
  try {
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return match && match[1] !== 'unlimited' ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
