import { workspaceRoot } from '@nx/devkit';
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface CommandResult {
  code: number;
  output: string;
}

/**
 * A throw-away copy of this workspace, as its working tree stands (tracked files and
 * new ones git does not ignore, uncommitted edits included), sharing the installed
 * `node_modules` by a symlink. Nx runs in it with no daemon and a cache of its own, so
 * nothing it builds or caches reaches the real workspace.
 *
 * @example
 * const copy = WorkspaceCopy.create();
 * await copy.run('npx', ['nx', 'g', '@bff/nx-plugin:client-bff', 'tv']);
 * copy.remove();
 */
export class WorkspaceCopy {
  private constructor(readonly root: string) {}

  static create(): WorkspaceCopy {
    const root = mkdtempSync(join(tmpdir(), 'bff-workspace-'));
    try {
      const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
        cwd: workspaceRoot,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      // A file deleted in the working tree is still listed as tracked; the copy mirrors the tree.
      for (const file of listed.split('\0').filter((path) => path && existsSync(join(workspaceRoot, path)))) {
        mkdirSync(dirname(join(root, file)), { recursive: true });
        cpSync(join(workspaceRoot, file), join(root, file), { dereference: false });
      }
      symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
    return new WorkspaceCopy(root);
  }

  /**
   * Runs a command in the copy and resolves with its exit code and output, whatever
   * the code. The project's own Node and tools come first on the PATH, and no Nx or
   * Jest task variable of the run that called it leaks in.
   */
  run(command: string, args: readonly string[], timeoutMs = 600_000): Promise<CommandResult> {
    const inherited = Object.entries(process.env).filter(([name]) => !/^(NX_|JEST_)/.test(name));
    const env = {
      ...Object.fromEntries(inherited),
      PATH: `${join(workspaceRoot, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}`,
      NX_DAEMON: 'false',
      NX_CACHE_DIRECTORY: join(this.root, '.nx/cache'),
      NX_NO_CLOUD: 'true',
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    };
    return new Promise((resolve) => {
      execFile(
        command,
        args,
        { cwd: this.root, env, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, output: `${stdout}${stderr}` });
        },
      );
    });
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
