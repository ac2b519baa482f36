import { execFileSync } from 'node:child_process';

/**
 * CPU pinning with `taskset`: the load generator (this process) on one CPU, the server
 * under test and its downstream on another, so the load generator never steals cycles
 * from what it measures and every server gets the same single CPU.
 *
 * @typedef {{ pinned: true, loadCpu: number, serverCpu: number } | { pinned: false, reason: string }} Pinning
 */

/**
 * Pins this process (all its threads) to the first CPU it may run on and reserves the
 * second for servers. Falls back to no pinning, with the reason, when `taskset` is
 * missing or fewer than two CPUs are available.
 *
 * @returns {Pinning}
 * @example
 * const pinning = pinLoadGenerator();
 * spawn(...serverCommand(pinning, process.execPath, ['server.mjs']));
 */
export function pinLoadGenerator() {
  let allowed;
  try {
    const output = execFileSync('taskset', ['-c', '-p', String(process.pid)], { encoding: 'utf8' });
    allowed = parseCpuList(output.slice(output.lastIndexOf(':') + 1).trim());
  } catch {
    return { pinned: false, reason: 'taskset is not installed' };
  }
  if (allowed.length < 2) return { pinned: false, reason: `only ${allowed.length} CPU is available` };
  const [loadCpu, serverCpu] = allowed;
  try {
    // -a: every thread, libuv's pool and V8's helpers included, not only the main one.
    execFileSync('taskset', ['-a', '-c', '-p', String(loadCpu), String(process.pid)], { stdio: 'ignore' });
  } catch (error) {
    return { pinned: false, reason: `taskset failed: ${error.message.split('\n')[0]}` };
  }
  return { pinned: true, loadCpu, serverCpu };
}

/**
 * The command and arguments that start `command` on the server CPU (or as is when not
 * pinned). `taskset` execs the command, so the child's pid is the server's own.
 *
 * @example
 * const [file, args] = serverCommand(pinning, process.execPath, ['main.js']);
 * spawn(file, args);
 */
export function serverCommand(pinning, command, args) {
  return pinning.pinned ? ['taskset', ['-c', String(pinning.serverCpu), command, ...args]] : [command, args];
}

/** One line for the report. */
export function describePinning(pinning) {
  return pinning.pinned
    ? `Pinned: load generator on CPU ${pinning.loadCpu}, server under test and fake downstream on CPU ${pinning.serverCpu}.`
    : `Not pinned (${pinning.reason}): load generator and servers share every CPU.`;
}

/** "0-2,5" → [0, 1, 2, 5] */
function parseCpuList(list) {
  return list.split(',').flatMap((range) => {
    const [from, to = from] = range.split('-').map(Number);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}
