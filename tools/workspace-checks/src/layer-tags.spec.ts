import { createProjectGraphAsync, workspaceRoot, type ProjectGraph } from '@nx/devkit';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkspaceProjects } from './workspace-projects';

const projects = readWorkspaceProjects();
const typeOf = (name: string) => projects.find((project) => project.name === name)?.tags.find((tag) => tag.startsWith('type:'));

/**
 * A lib's own code, without what only its tests run: specs, fixtures and test harnesses
 * may register a guard for the app they build, which says nothing about the lib.
 */
function productionSources(root: string): string[] {
  return readdirSync(join(workspaceRoot, root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .filter((path) => !/(\.spec|\.e2e-spec|\.fixture)\.ts$/.test(path))
    .filter((path) => !/(^|\/)(test|testing)\//.test(path))
    .map((path) => readFileSync(join(workspaceRoot, root, 'src', path), 'utf8'));
}

describe('layer tags', () => {
  let graph: ProjectGraph;

  beforeAll(async () => {
    graph = await createProjectGraphAsync({ exitOnError: false });
  });

  it.each(projects.filter((project) => project.tags.includes('type:contract')).map((project) => [project.name]))(
    '%s, a contract, depends on no project but contracts',
    (name) => {
      const dependencies = (graph.dependencies[name] ?? [])
        .map((dependency) => dependency.target)
        .filter((target) => !target.startsWith('npm:'));

      expect(dependencies.filter((target) => typeOf(target) !== 'type:contract')).toEqual([]);
    },
  );

  it('knows the contracts: the client contracts and the leaf lib they share', () => {
    expect(projects.filter((project) => project.tags.includes('type:contract')).map((project) => project.name)).toEqual(
      expect.arrayContaining(['contracts', 'web-contracts', 'mobile-contracts', 'downstream-contracts']),
    );
  });

  const sdks = projects.filter((project) => project.tags.includes('type:sdk')).map((project) => project.name);

  it('knows the SDKs: the phone-app client and the types generated from each gateway’s document', () => {
    expect(sdks).toEqual(expect.arrayContaining(['mobile-client', 'web-sdk', 'mobile-sdk']));
  });

  it.each(sdks.map((name) => [name]))(
    '%s, an SDK, depends on no project but contracts, SDKs and the test harness',
    (name) => {
      const dependencies = (graph.dependencies[name] ?? [])
        .map((dependency) => dependency.target)
        .filter((target) => !target.startsWith('npm:'));
      const allowed = ['type:contract', 'type:sdk', 'type:testing'];

      expect(dependencies.filter((target) => !allowed.includes(typeOf(target) ?? ''))).toEqual([]);
    },
  );

  it('lets only apps, e2e suites and SDKs depend on an SDK, never a gateway’s lib', () => {
    const dependents = Object.entries(graph.dependencies)
      .filter(([, dependencies]) => dependencies.some((dependency) => sdks.includes(dependency.target)))
      .map(([source]) => source);

    const allowed = ['type:app', 'type:e2e', 'type:sdk'];

    expect(dependents.filter((source) => !allowed.includes(typeOf(source) ?? ''))).toEqual([]);
  });

  it('tags every lib that registers a global guard or interceptor as a feature', () => {
    const registering = projects
      .filter((project) => project.root.startsWith('libs/'))
      .filter((project) => productionSources(project.root).some((source) => /\bAPP_(GUARD|INTERCEPTOR)\b/.test(source)));

    expect(registering.map((project) => project.name)).toEqual(expect.arrayContaining(['auth', 'throttling']));
    expect(registering.filter((project) => !project.tags.includes('type:feature')).map((project) => project.name)).toEqual([]);
  });
});
