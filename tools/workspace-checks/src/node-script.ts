import { workspaceRoot } from '@nx/devkit';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ScriptExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A workspace Node script (e.g. `tools/scripts/start.mjs`) running as its own process,
 * as a developer or CI would run it; the test sees only its output and exit status.
 */
export class NodeScript {
  stdout = '';
  stderr = '';
  readonly exited: Promise<ScriptExit>;
  private readonly child: ChildProcess;

  constructor(script: string, args: string[] = [], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [join(workspaceRoot, script), ...args], {
      cwd: workspaceRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.once('close', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Runs the script to completion. */
  static async run(script: string, args: string[] = [], env: Record<string, string> = {}) {
    const running = new NodeScript(script, args, env);
    const exit = await running.exited;
    return { ...exit, stdout: running.stdout, stderr: running.stderr };
  }

  /** Resolves once stdout matches `pattern`; rejects if the script exits first or `timeoutMs` passes. */
  async waitForStdout(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    for (;;) {
      const match = this.stdout.match(pattern);
      if (match) return match;
      if (exited || Date.now() > deadline) {
        throw new Error(`${pattern} never appeared.\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /**
   * Ends the script the way a user would (SIGTERM, so it can stop what it started),
   * and kills it only if it does not exit within `graceMs`.
   */
  async dispose(graceMs = 10_000): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const killer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(killer);
    }
    await this.exited;
  }
}
