import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';

/** Where Debian puts nginx, off the PATH of a user that is not root. */
const SYSTEM_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

const INSTALL_COMMAND = 'apt-get install -y nginx';

/**
 * The nginx binary: on the PATH or in the system directories. When none is found,
 * `install: true` installs Debian's package, which only root may do; otherwise, or
 * when that fails, it throws a message naming the command.
 *
 * @example
 * const binary = findNginx({ install: process.getuid?.() === 0 });
 */
export function findNginx({ install = false, env = process.env } = {}) {
  const found = lookUp(env);
  if (found || !install) return found ?? fail('nginx is not installed');
  if (process.getuid?.() !== 0) fail('nginx is not installed and only root may install it');
  console.error(`nginx is not installed: ${INSTALL_COMMAND}`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv }).status === 0;
  // A fresh image has no package lists yet: read them once, then try again.
  const installed = apt(['install', '-y', 'nginx']) || (apt(['update']) && apt(['install', '-y', 'nginx']));
  if (!installed) fail(`${INSTALL_COMMAND} failed`);
  return lookUp(env) ?? fail(`${INSTALL_COMMAND} left no nginx binary behind`);
}

function lookUp(env) {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...SYSTEM_DIRS];
  return dirs.map((dir) => join(dir, 'nginx')).find(isExecutable);
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fail(why) {
  throw new Error(`${why}; install Debian's package as root: ${INSTALL_COMMAND}`);
}

/**
 * nginx as a child process in the foreground (`daemon off`), on a configuration
 * written to `<dir>/nginx.conf`, with `<dir>` as its prefix: the error log is given
 * with `-e`, so not even start-up touches `/var/log/nginx`. `start()` checks the
 * configuration (`nginx -t`) first, for a clear message, and resolves once every
 * `listen` port takes connections.
 *
 * @example
 * const nginx = await Nginx.start({ binary, dir, config, ports: [8080] });
 * await nginx.stop();
 */
export class Nginx {
  #child;
  #exited;
  #killOnExit;
  #stopping = false;

  /** Settles when nginx exits before `stop()` was called: `{ code, signal }`. */
  failure;

  constructor(child) {
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
    this.failure = this.#exited.then((exit) => (this.#stopping ? new Promise(() => undefined) : exit));
    // A supervisor that dies on an exception must not leave nginx holding the ports.
    this.#killOnExit = () => signal(child, 'SIGKILL');
    process.once('exit', this.#killOnExit);
  }

  /**
   * @param {object} options
   * @param {string} options.binary the nginx executable (`findNginx`)
   * @param {string} options.dir prefix directory: `nginx.conf`, `nginx.pid`, `logs/`, `temp/`
   * @param {string} options.config the configuration (`nginxConfig`)
   * @param {number[]} options.ports the ports it listens on, to wait for
   * @param {(line: string, stream: 'stdout' | 'stderr') => void} [options.onLine] what nginx prints
   * @param {number} [options.readyTimeoutMs]
   */
  static async start({ binary, dir, config, ports, onLine = () => undefined, readyTimeoutMs = 10_000 }) {
    for (const sub of ['logs', 'temp']) mkdirSync(join(dir, sub), { recursive: true });
    const file = join(dir, 'nginx.conf');
    writeFileSync(file, config);
    const args = ['-p', dir, '-c', file, '-e', join(dir, 'logs', 'error.log')];
    const check = spawnSync(binary, [...args, '-t', '-q'], { encoding: 'utf8' });
    if (check.status !== 0) {
      throw new Error(`nginx refused ${file}:\n${(check.stderr || check.stdout || '').trim()}`);
    }
    const child = spawn(binary, [...args, '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: Ctrl-C reaches only the supervisor, which stops nginx first.
      detached: true,
    });
    const nginx = new Nginx(child);
    for (const stream of ['stdout', 'stderr']) {
      createInterface({ input: child[stream], crlfDelay: Infinity }).on('line', (line) =>
        onLine(line, stream),
      );
    }
    try {
      await Promise.race([
        waitForPorts(ports, readyTimeoutMs),
        nginx.#exited.then(({ code, signal: by }) => {
          throw new Error(`nginx exited (${by ?? `code ${code}`}) while starting:\n${errorLogTail(dir)}`);
        }),
      ]);
    } catch (error) {
      await nginx.stop();
      throw error;
    }
    return nginx;
  }

  get pid() {
    return this.#child.pid;
  }

  /**
   * Graceful stop: SIGQUIT lets the master finish the requests in flight and close;
   * after `graceMs` SIGTERM (fast stop), and SIGKILL to the group if even that hangs.
   */
  async stop(graceMs = 5_000) {
    this.#stopping = true;
    signal(this.#child, 'SIGQUIT');
    const fast = setTimeout(() => signal(this.#child, 'SIGTERM'), graceMs);
    const kill = setTimeout(() => signalGroup(this.#child, 'SIGKILL'), graceMs + 2_000);
    await this.#exited;
    clearTimeout(fast);
    clearTimeout(kill);
    // Workers exit with their master; SIGKILL leaves none behind if the master was killed.
    signalGroup(this.#child, 'SIGKILL');
    process.removeListener('exit', this.#killOnExit);
  }
}

function signal(child, name) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill(name);
  } catch {
    // Gone between the check and the signal.
  }
}

function signalGroup(child, name) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, name);
  } catch {
    // No process left in the group.
  }
}

async function waitForPorts(ports, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (const port of ports) {
    while (!(await accepts(port))) {
      if (Date.now() > until)
        throw new Error(`nginx did not listen on port ${port} within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function errorLogTail(dir) {
  try {
    return readFileSync(join(dir, 'logs', 'error.log'), 'utf8')
      .trim()
      .split('\n')
      .slice(-10)
      .join('\n');
  } catch {
    return '(no error log)';
  }
}
