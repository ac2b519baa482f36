import type { WorkspaceProject } from '../workspace-projects';
import { ownershipProblems, SCOPE_OWNERS } from './ownership-check';

const PROJECTS: WorkspaceProject[] = [
  { name: 'web-bff', root: 'apps/web-bff', tags: ['scope:web', 'type:app'] },
  { name: 'mobile-bff', root: 'apps/mobile-bff', tags: ['scope:mobile', 'type:app'] },
  { name: 'product-service', root: 'apps/demo/product-service', tags: ['scope:demo', 'type:app'] },
  { name: 'problem', root: 'libs/shared/problem', tags: ['scope:shared', 'type:util'] },
];

const FILES = [
  'package.json',
  'README.md',
  'LICENSE',
  'apps/web-bff/Dockerfile',
  'apps/web-bff/project.json',
  'apps/web-bff/src/main.ts',
  'apps/mobile-bff/project.json',
  'apps/demo/product-service/project.json',
  'libs/shared/problem/project.json',
  'libs/shared/problem/src/index.ts',
];

const GOOD = `# the default
*                           @bff-org/platform-team
/package.json               @bff-org/platform-team
/libs/shared/problem/       @bff-org/platform-team
/apps/demo/product-service/ @bff-org/platform-team
/apps/web-bff/              @bff-org/web-team
/apps/mobile-bff/           @bff-org/mobile-team
`;

function problemsOf(codeowners: string, projects = PROJECTS, files = FILES): string[] {
  return ownershipProblems({ codeowners, projects, files });
}

describe('ownershipProblems', () => {
  it('finds nothing wrong when each project has a rule for its root naming its scope team', () => {
    expect(problemsOf(GOOD)).toEqual([]);
  });

  it('names a team for every scope', () => {
    // Contains, not equals: the client-bff generator adds the scope of each new client.
    expect(Object.keys(SCOPE_OWNERS)).toEqual(
      expect.arrayContaining(['scope:demo', 'scope:mobile', 'scope:shared', 'scope:web']),
    );
  });

  it('reports a project without a rule of its own, though the default owns it', () => {
    expect(problemsOf(GOOD.replace('/apps/mobile-bff/           @bff-org/mobile-team\n', ''))).toEqual([
      'mobile-bff (apps/mobile-bff, scope:mobile) has no owner rule for its root; `*` on line 2 owns it by ' +
        'default: add `/apps/mobile-bff/ @bff-org/mobile-team`',
    ]);
  });

  it('reports a project that no rule covers at all', () => {
    const withoutDefault = GOOD.replace('*                           @bff-org/platform-team\n', '');

    expect(problemsOf(withoutDefault)).toEqual([]);
    expect(problemsOf(withoutDefault.replace(/^\/libs\/shared\/problem\/.*\n/m, ''))).toEqual([
      'problem (libs/shared/problem, scope:shared) has no owner rule for its root: ' +
        'add `/libs/shared/problem/ @bff-org/platform-team`',
    ]);
  });

  it('reports a project that shares a rule with the folder it sits in', () => {
    const folderRule = GOOD.replace('/apps/demo/product-service/', '/apps/demo/');

    expect(problemsOf(folderRule)).toEqual([
      expect.stringMatching(/^product-service .* has no owner rule for its root; `\/apps\/demo\/` on line 5/),
    ]);
  });

  it("reports a project owned by another team than its scope's", () => {
    const mobileOwnsWeb = GOOD.replace(
      '/apps/web-bff/              @bff-org/web-team',
      '/apps/web-bff/ @bff-org/mobile-team',
    );

    expect(problemsOf(mobileOwnsWeb)).toEqual([
      'web-bff (apps/web-bff, scope:web) is owned by @bff-org/mobile-team on line 6; ' +
        'its scope belongs to @bff-org/web-team',
    ]);
  });

  it('reports a project shared with a second team, who would be asked to approve too', () => {
    const twoOwners = GOOD.replace('@bff-org/web-team', '@bff-org/web-team @bff-org/platform-team');

    expect(problemsOf(twoOwners)).toEqual([
      expect.stringContaining('is owned by @bff-org/web-team @bff-org/platform-team'),
    ]);
  });

  it('reports a project whose scope no team owns', () => {
    const orphan = { name: 'kiosk-bff', root: 'apps/web-bff', tags: ['scope:kiosk', 'type:app'] };

    expect(problemsOf(GOOD, [orphan])).toEqual([
      'kiosk-bff (apps/web-bff, scope:kiosk): no team owns its scope; add it to SCOPE_OWNERS',
    ]);
  });

  it('reports a later rule that hands files inside a project to another team', () => {
    const carvedOut = `${GOOD}/apps/web-bff/Dockerfile @bff-org/platform-team\n`;

    expect(problemsOf(carvedOut)).toEqual([
      'web-bff (apps/web-bff, scope:web): line 8 (`/apps/web-bff/Dockerfile`) hands apps/web-bff/Dockerfile ' +
        'to @bff-org/platform-team; its scope belongs to @bff-org/web-team',
    ]);
  });

  it('accepts a narrower rule inside a project that keeps it with its team', () => {
    expect(problemsOf(`${GOOD}/apps/web-bff/Dockerfile @bff-org/web-team\n`)).toEqual([]);
  });

  it('reports a rule for a path that no longer exists', () => {
    expect(
      problemsOf(`${GOOD}/apps/kiosk-bff/ @bff-org/web-team\n/nx.json @bff-org/platform-team\n`),
    ).toEqual([
      'line 8: `/apps/kiosk-bff/` matches no file: the path no longer exists',
      'line 9: `/nx.json` matches no file: the path no longer exists',
    ]);
  });

  it('reports a rule that a later one overrides for every file it matches', () => {
    const misordered =
      GOOD.replace('/package.json               @bff-org/platform-team\n', '') +
      '/package.json @bff-org/platform-team\n*  @bff-org/platform-team\n';

    expect(problemsOf(misordered)).toContainEqual(
      'line 7: `/package.json` owns no file: later rules take every file it matches; move it below them',
    );
  });

  it('reports a rule with no owner', () => {
    expect(problemsOf(`${GOOD}/README.md\n`)).toEqual(['line 8: `/README.md` names no owner']);
  });

  it('reports a malformed owner', () => {
    expect(
      problemsOf(
        GOOD.replace(
          '/package.json               @bff-org/platform-team',
          '/package.json bff-org/platform-team',
        ),
      ),
    ).toEqual([
      'line 3: `bff-org/platform-team` is not an owner: write @user, @org/team or an e-mail address',
    ]);
  });

  it('reports an owner that is not one of the teams', () => {
    expect(
      problemsOf(
        GOOD.replace('/package.json               @bff-org/platform-team', '/package.json @octocat'),
      ),
    ).toEqual([
      expect.stringMatching(
        /^line 3: `@octocat` is not one of the teams \(@bff-org\/web-team, @bff-org\/mobile-team, @bff-org\/platform-team[,)]/,
      ),
    ]);
  });

  it('reports a pattern the check cannot read', () => {
    expect(problemsOf(`${GOOD}/apps/**/Dockerfile @bff-org/platform-team\n`)).toEqual([
      expect.stringMatching(/^line 8: `\/apps\/\*\*\/Dockerfile` uses syntax the check does not read/),
    ]);
  });
});
