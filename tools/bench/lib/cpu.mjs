import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * What a server process costs, read from /proc (Linux only): CPU time and resident
 * memory. CPU is summed over the process and its descendants, because nginx serves
 * from a worker forked by its master; a Node server has no children, so the sum is
 * the process itself.
 */

/** Clock ticks per second of `utime`/`stime` in /proc/<pid>/stat (100 on nearly every Linux). */
const CLOCK_TICKS = clockTicks();

/**
 * User + system CPU seconds used so far by `pid` and every process below it, or
 * `undefined` when /proc cannot be read (not Linux, or the process is gone).
 *
 * @example
 * const before = cpuSeconds(server.pid);
 * await load(url, options);
 * const spent = cpuSeconds(server.pid) - before;
 */
export function cpuSeconds(pid) {
  const stats = processStats();
  if (!stats.has(pid)) return undefined;
  let ticks = 0;
  for (const member of family(pid, stats)) ticks += stats.get(member).ticks;
  return ticks / CLOCK_TICKS;
}

/**
 * CPU seconds the processes `pids` (each with its descendants) have used so far, summed,
 * from one read of /proc.
 *
 * @example
 * totalCpuSeconds([server.pid, downstream.pid]);
 */
export function totalCpuSeconds(pids) {
  const stats = processStats();
  const members = new Set(pids.filter((pid) => stats.has(pid)).flatMap((pid) => family(pid, stats)));
  let ticks = 0;
  for (const member of members) ticks += stats.get(member).ticks;
  return ticks / CLOCK_TICKS;
}

/**
 * CPU seconds every process on the machine has used so far (all CPUs, from /proc/stat),
 * or `undefined` off Linux. Less what the bench and its servers used, it tells whether
 * something else ran during a measurement.
 *
 * @example
 * const before = machineCpuSeconds();
 */
export function machineCpuSeconds() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    // cpu  user nice system idle iowait irq softirq steal … (guest time is inside user).
    // irq and softirq are left out: loopback networking runs there, and on this bench that
    // is the bench's own traffic, never charged to any process. steal stays: a hypervisor
    // taking the CPU away is contention like any other.
    const [user, nice, system, , , , , steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + steal) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/**
 * Resident set size in bytes (`VmRSS`), summed over the process and its descendants,
 * or `undefined` when it cannot be read.
 *
 * @example
 * rssBytes(server.pid) / 2 ** 20; // MB
 */
export function rssBytes(pid) {
  const stats = processStats();
  if (!stats.has(pid)) return undefined;
  let kilobytes = 0;
  for (const member of family(pid, stats)) {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${member}/status`, 'utf8'));
      kilobytes += match ? Number(match[1]) : 0;
    } catch {
      // The process exited between the listing and this read: it holds no memory now.
    }
  }
  return kilobytes * 1024;
}

/** pid and every descendant of it. */
function family(pid, stats) {
  const members = [pid];
  for (let i = 0; i < members.length; i++) {
    for (const [child, { ppid }] of stats) if (ppid === members[i]) members.push(child);
  }
  return members;
}

/** pid → { ppid, ticks } for every process /proc lists. */
function processStats() {
  const stats = new Map();
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return stats;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const line = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields are counted after its last ')'.
      const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
      // After the name: state(3) ppid(4) … utime(14) stime(15), so indexes 1, 11 and 12 here.
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // Gone between readdir and read.
    }
  }
  return stats;
}

function clockTicks() {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}
