#!/usr/bin/env node
/**
 * What compressing one page costs, per response: fetches each URL once as JSON, then
 * times brotli at qualities 4 to 6 and gzip at levels 5 and 6 on that body, synchronously
 * as the gateways do it, on this thread. The coders take turns round by round, so load
 * from elsewhere on the machine falls on all of them alike; each prints its fastest round
 * (the closest to its own cost) and its median.
 *
 *   node tools/bench/compression-cost.mjs http://127.0.0.1:3000/product-details/2 http://127.0.0.1:3001/product-details/2
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROUNDS = 15;
const PER_ROUND = 400;

const CODERS = [
  ...[4, 5, 6].map((quality) => [`br q${quality}`, (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })]),
  ...[5, 6].map((level) => [`gzip ${level}`, (body) => gzipSync(body, { level })]),
];

for (const url of process.argv.slice(2)) {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  const body = Buffer.from(await response.arrayBuffer());
  console.log(`${url}: ${body.length} B`);
  const rounds = CODERS.map(() => []);
  for (const [, coder] of CODERS) for (let i = 0; i < 200; i++) coder(body);
  for (let round = 0; round < ROUNDS; round++) {
    CODERS.forEach(([, coder], index) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < PER_ROUND; i++) coder(body);
      rounds[index].push(Number(process.hrtime.bigint() - started) / 1_000 / PER_ROUND);
    });
  }
  CODERS.forEach(([name, coder], index) => {
    const sorted = rounds[index].sort((a, b) => a - b);
    const cell = (micros) => `${micros.toFixed(1).padStart(6)} µs`;
    console.log(`  ${name.padEnd(8)} ${String(coder(body).length).padStart(6)} B  fastest ${cell(sorted[0])}  median ${cell(sorted[ROUNDS >> 1])}`);
  });
}
