import { DepConstraint, loadRootEslintConfig } from './workspace-eslint';
import { readWorkspaceProjects } from './workspace-projects';

const projects = readWorkspaceProjects();

describe('project tags', () => {
  let constrainedTags: Set<string>;

  beforeAll(async () => {
    const { depConstraints } = await loadRootEslintConfig();
    constrainedTags = new Set(depConstraints.map((constraint: DepConstraint) => constraint.sourceTag));
  });

  it('finds the apps, the libs and the tooling projects', () => {
    expect(projects.map((project) => project.name)).toEqual(
      expect.arrayContaining(['web-bff', 'mobile-bff', 'product-service', 'problem', 'workspace-checks']),
    );
  });

  describe.each(projects.map((project) => [project.name, project] as const))('%s', (_name, project) => {
    it('has exactly one scope:* tag and one type:* tag', () => {
      expect(project.tags.filter((tag) => tag.startsWith('scope:'))).toHaveLength(1);
      expect(project.tags.filter((tag) => tag.startsWith('type:'))).toHaveLength(1);
    });

    it('has only tags that a module boundary constraint governs', () => {
      const unconstrained = project.tags.filter((tag) => !constrainedTags.has(tag));
      expect(unconstrained).toEqual([]);
    });
  });
});
