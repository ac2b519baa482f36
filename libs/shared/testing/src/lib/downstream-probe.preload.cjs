/**
 * Preloaded into a BFF under test (`NODE_OPTIONS=--require …`, see downstream-probe.ts):
 * prints one line to stderr for every downstream try undici starts and for every try
 * that fails, so a suite can count tries a stopped service never saw (a refused
 * connection reaches no request log). It only subscribes to undici's diagnostics
 * channels; it changes nothing the app does.
 */
const diagnostics = require('node:diagnostics_channel');

const PREFIX = 'downstream-probe ';
const tries = new WeakMap();
let lastTry = 0;

function print(event) {
  process.stderr.write(PREFIX + JSON.stringify(event) + '\n');
}

diagnostics.subscribe('undici:request:create', ({ request }) => {
  const id = ++lastTry;
  tries.set(request, id);
  print({ event: 'try', id, method: request.method, origin: String(request.origin), path: request.path });
});

diagnostics.subscribe('undici:request:error', ({ request, error }) => {
  print({ event: 'error', id: tries.get(request), code: error && (error.code || error.name) });
});
