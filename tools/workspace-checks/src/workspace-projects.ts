import { workspaceRoot } from '@nx/devkit';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface WorkspaceProject {
  name: string;
  root: string;
  tags: string[];
}

/** Folders that hold Nx projects; each project is a folder with a `project.json`. */
const PROJECT_FOLDERS = ['apps', 'libs', 'tools'];

/** Every project declared by a `project.json` under apps/, libs/ and tools/. */
export function readWorkspaceProjects(): WorkspaceProject[] {
  return PROJECT_FOLDERS.flatMap((folder) =>
    readdirSync(join(workspaceRoot, folder), { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('project.json') && !path.includes('node_modules'))
      .filter((path) => path === 'project.json' || path.endsWith('/project.json'))
      .map((path) => {
        const file = join(folder, path);
        const json = JSON.parse(readFileSync(join(workspaceRoot, file), 'utf8')) as {
          name: string;
          tags?: string[];
        };
        return { name: json.name, root: dirname(file), tags: json.tags ?? [] };
      }),
  ).sort((a, b) => a.name.localeCompare(b.name));
}
