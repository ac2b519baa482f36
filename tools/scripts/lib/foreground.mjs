import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApps, describeExit } from './stack.mjs';

/**
 * What `npm start` and `npm run start:cluster` share: a command line with a usage text,
 * and a supervisor (a `Stack` or a `Cluster`) run in the foreground from the build to
 * Ctrl-C. Each script keeps what is its own: its options, its processes, its summary.
 */

/**
 * Parses `process.argv` against `options` (as `util.parseArgs` takes them, `--help`
 * added); prints `usage` and exits 0 on `--help`, and exits 1 with it after a mistake.
 *
 * @example
 * const values = parseCommandLine({ 'skip-build': { type: 'boolean', default: false } }, USAGE);
 */
export function parseCommandLine(options, usage) {
  let values;
  try {
    ({ values } = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (error) {
    fail(`${error.message}\n\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}

/** A positive number of seconds given as `flag`, or an exit naming the flag. */
export function seconds(flag, raw) {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) fail(`${flag} must be a positive number of seconds, got "${raw}"`);
  return value;
}

/** Prints `✖ message` and exits 1. */
export function fail(message) {
  console.error(`✖ ${message}`);
  process.exit(1);
}

/**
 * The built browser app under `distDir` (`apps/web`), which the web BFF serves with
 * `WEB_APP_DIR`, or undefined after a warning when there is none: the web BFF refuses a
 * `WEB_APP_DIR` without `index.html`, and with `--skip-build` the app may never have
 * been built, so the gateway then serves the API alone.
 *
 * @example
 * const dir = builtWebApp('dist'); // 'dist/apps/web'
 */
export function builtWebApp(distDir) {
  const dir = join(distDir, 'apps/web');
  if (existsSync(join(dir, 'index.html'))) return dir;
  console.error(`! ${relative(process.cwd(), dir)}/index.html is missing: the web app is not served (npx nx run web:build)`);
  return undefined;
}

/**
 * Runs `supervisor` in the foreground: builds the stack's apps and the browser app
 * (unless `skipBuild`), calls `beforeStart` (to hand out what the build produced),
 * starts it, calls `onStarted`, and waits. The first SIGINT, SIGTERM or SIGHUP stops it
 * gracefully and exits 0; a second one exits 1 at once (the supervisor's exit hooks
 * SIGKILL what still runs). A process dying on its own stops the rest and exits 1.
 *
 * @param {object} options
 * @param {{ start(): Promise<void>, stop(): Promise<void>, failure: Promise<{ name: string, code: number | null, signal: string | null }> }} options.supervisor
 * @param {string} options.what what is stopped, for the messages ("the stack")
 * @param {boolean} options.skipBuild
 * @param {() => void} [options.beforeStart]
 * @param {() => void} options.onStarted
 *
 * @example
 * await runInForeground({ supervisor: stack, what: 'the stack', skipBuild: false, onStarted: printSummary });
 */
export async function runInForeground({ supervisor, what, skipBuild, beforeStart = () => undefined, onStarted }) {
  const building = new AbortController();
  let stopRequested = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (stopRequested) {
        console.error('\nStopping now.');
        process.exit(1);
      }
      stopRequested = true;
      console.error(`\n${signal} received, stopping ${what}…`);
      building.abort();
      void supervisor.stop().then(() => {
        console.error('Stopped.');
        process.exit(0);
      });
    });
  }

  if (!skipBuild) {
    try {
      await buildApps({ signal: building.signal, alsoBuild: ['web'] });
    } catch (error) {
      if (!stopRequested) fail(`${error.message}; see the Nx output above`);
    }
  }
  if (stopRequested) return;
  beforeStart();
  try {
    await supervisor.start();
  } catch (error) {
    if (!stopRequested) fail(error.message);
    return;
  }
  if (stopRequested) return;
  onStarted();

  const { name, code, signal } = await supervisor.failure;
  if (stopRequested) return;
  stopRequested = true;
  console.error(`✖ ${name} exited unexpectedly (${describeExit(code, signal)}); stopping the rest`);
  await supervisor.stop();
  process.exit(1);
}
