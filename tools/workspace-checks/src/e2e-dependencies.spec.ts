import { workspaceRoot } from '@nx/devkit';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkspaceProjects } from './workspace-projects';

interface E2eProjectJson {
  implicitDependencies?: string[];
  targets: { e2e: { dependsOn?: { projects?: string[]; target: string }[] } };
}

const CLIENT_BFFS = ['web-bff', 'mobile-bff'];

/**
 * The apps the suites of an e2e project start as processes: `AppProcess.start('<app>', …)`,
 * and both BFFs for a suite that starts a cluster of replicas (`TestCluster.start(`).
 */
function startedApps(root: string): string[] {
  const specs = readdirSync(join(workspaceRoot, root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => readFileSync(join(workspaceRoot, root, 'src', path), 'utf8'));
  return [
    ...new Set(
      specs.flatMap((source) => [
        ...[...source.matchAll(/AppProcess\.start\(\s*'([\w-]+)'/g)].map(([, app]) => app),
        ...(/TestCluster\.start\(/.test(source) ? CLIENT_BFFS : []),
      ]),
    ),
  ];
}

const e2eProjects = readWorkspaceProjects()
  .filter((project) => project.tags.includes('type:e2e'))
  .map((project) => ({
    ...project,
    json: JSON.parse(readFileSync(join(workspaceRoot, project.root, 'project.json'), 'utf8')) as E2eProjectJson,
  }));

describe('e2e projects', () => {
  it.each(e2eProjects.map((project) => [project.name, project] as const))(
    '%s builds and depends on exactly the client BFFs its suites start',
    (_name, project) => {
      const started = startedApps(project.root).filter((app) => CLIENT_BFFS.includes(app)).sort();
      const built = (project.json.targets.e2e.dependsOn ?? [])
        .filter((dependency) => dependency.target === 'build')
        .flatMap((dependency) => dependency.projects ?? [])
        .filter((app) => CLIENT_BFFS.includes(app))
        .sort();
      const implicit = (project.json.implicitDependencies ?? []).filter((app) => CLIENT_BFFS.includes(app)).sort();

      expect(built).toEqual(started);
      expect(implicit).toEqual(started);
    },
  );

  it('keeps each client suite to its own BFF: only the clients and cluster suites start both', () => {
    const startingBoth = e2eProjects
      .filter((project) => CLIENT_BFFS.every((app) => startedApps(project.root).includes(app)))
      .map((project) => project.name);

    expect(startingBoth.sort()).toEqual(['clients-e2e', 'cluster-e2e']);
    expect(startedApps('apps/mobile-bff-e2e')).not.toContain('web-bff');
    expect(startedApps('apps/web-bff-e2e')).not.toContain('mobile-bff');
  });
});
