/**
 * CPU and wall time per call of each client variant, for the per-call benches
 * (transport, AMQP request/reply): every variant warmed up once, then measured in
 * interleaved rounds, so drift (GC, CPU frequency, the other core, the broker) hits
 * every variant alike; each figure is the median of the rounds. `isExpected` checks
 * every answer, so a variant that fails quietly cannot look fast.
 *
 * @example
 * const rows = await measureVariants([['raw undici', call]], { calls: 3000, rounds: 3, warmup: 2000, concurrency: 10, isExpected });
 * rows[0]; // { name: 'raw undici', cpuUsPerCall: 67.3, wallUsPerCall: 108.9 }
 */
export async function measureVariants(list, { calls, rounds, warmup, concurrency, isExpected }) {
  const measure = (call, n) => measureCalls(call, n, concurrency, isExpected);
  const samples = new Map(list.map(([name]) => [name, []]));
  for (const [, call] of list) await measure(call, Math.min(warmup, calls));
  for (let round = 0; round < rounds; round++) {
    for (const [name, call] of list) samples.get(name).push(await measure(call, calls));
  }
  return list.map(([name]) => ({
    name,
    cpuUsPerCall: +median(samples.get(name).map((s) => s.cpuUs)).toFixed(1),
    wallUsPerCall: +median(samples.get(name).map((s) => s.wallUs)).toFixed(1),
  }));
}

/** `n` calls, `concurrency` at a time: this process's CPU (user + system) and the wall time, per call. */
async function measureCalls(call, n, concurrency, isExpected) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let started = 0;
  const worker = async () => {
    while (started++ < n) {
      if (!isExpected(await call())) throw new Error('unexpected response');
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = Number(process.hrtime.bigint() - start) / 1e3;
  const { user, system } = process.cpuUsage(cpu);
  return { cpuUs: (user + system) / n, wallUs: wall / n };
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}
