import { coversDirectory, directoryRuleOf, ownerRuleOf, parseCodeowners } from './codeowners';

function ruleOf(pattern: string) {
  const { rules, errors } = parseCodeowners(`${pattern} @bff-org/platform-team`);
  expect(errors).toEqual([]);
  return rules[0];
}

describe('parseCodeowners', () => {
  it('reads rules in file order with their line numbers, skipping comments and blank lines', () => {
    const { rules, errors } = parseCodeowners(
      '# the default\n*  @bff-org/platform-team\n\n/apps/web/\t@bff-org/web-team  someone@example.com\n',
    );

    expect(errors).toEqual([]);
    expect(rules.map(({ line, pattern, owners }) => ({ line, pattern, owners }))).toEqual([
      { line: 2, pattern: '*', owners: ['@bff-org/platform-team'] },
      { line: 4, pattern: '/apps/web/', owners: ['@bff-org/web-team', 'someone@example.com'] },
    ]);
  });

  it('reports a rule that names no owner', () => {
    expect(parseCodeowners('*\n').errors).toEqual([{ line: 1, message: '`*` names no owner' }]);
  });

  it.each(['bff-org/web-team', '@bff-org/', '@-user', '@bff-org/web-team,', 'not-an-email@', '#', '@a/b/c'])(
    'reports the malformed owner %s',
    (owner) => {
      expect(parseCodeowners(`/apps/web/ ${owner}\n`).errors).toEqual([
        { line: 1, message: expect.stringContaining(`\`${owner}\` is not an owner`) },
      ]);
    },
  );

  it.each(['@octocat', '@bff-org/web-team', '@bff-org/team_2', 'docs@example.com'])(
    'accepts the owner %s',
    (owner) => {
      expect(parseCodeowners(`/apps/web/ ${owner}\n`).errors).toEqual([]);
    },
  );

  it.each(['apps/**/src/', '/apps/web?/', '/apps/[ab]/', '!/apps/web/', '\\#notes', '/'])(
    'refuses the pattern %s and leaves its rule out',
    (pattern) => {
      const { rules, errors } = parseCodeowners(`${pattern} @bff-org/web-team\n`);

      expect(rules).toEqual([]);
      expect(errors).toEqual([{ line: 1, message: expect.stringContaining(`\`${pattern}\``) }]);
    },
  );
});

describe('matching, as GitHub does', () => {
  it('gives a file to the last rule that matches it', () => {
    const { rules } = parseCodeowners('*  @bff-org/platform-team\n/apps/web/  @bff-org/web-team\n');

    expect(ownerRuleOf(rules, 'apps/web/src/main.tsx')?.owners).toEqual(['@bff-org/web-team']);
    expect(ownerRuleOf(rules, 'package.json')?.owners).toEqual(['@bff-org/platform-team']);
  });

  it('lets an earlier rule lose to a later, broader one', () => {
    const { rules } = parseCodeowners('/apps/web/  @bff-org/web-team\n*  @bff-org/platform-team\n');

    expect(ownerRuleOf(rules, 'apps/web/src/main.tsx')?.owners).toEqual(['@bff-org/platform-team']);
  });

  it('matches every file beneath a directory pattern, at any depth, and no file of that name', () => {
    const rule = ruleOf('/apps/web/');

    expect(ownerRuleOf([rule], 'apps/web/project.json')).toBe(rule);
    expect(ownerRuleOf([rule], 'apps/web/src/app/app.tsx')).toBe(rule);
    expect(ownerRuleOf([rule], 'apps/web')).toBeUndefined();
  });

  it('matches whole path segments: /apps/web/ is not /apps/web-bff/', () => {
    expect(ownerRuleOf([ruleOf('/apps/web/')], 'apps/web-bff/src/main.ts')).toBeUndefined();
  });

  it('anchors a pattern with a leading slash at the root', () => {
    const rule = ruleOf('/package.json');

    expect(ownerRuleOf([rule], 'package.json')).toBe(rule);
    expect(ownerRuleOf([rule], 'apps/web/package.json')).toBeUndefined();
  });

  it('anchors a pattern with a slash in its middle, as gitignore does', () => {
    const rule = ruleOf('deploy/k8s/');

    expect(ownerRuleOf([rule], 'deploy/k8s/namespace.yaml')).toBe(rule);
    expect(ownerRuleOf([rule], 'apps/deploy/k8s/x.yaml')).toBeUndefined();
  });

  it('matches a pattern without a slash at any depth, as a file or as a directory', () => {
    const file = ruleOf('Dockerfile');
    const directory = ruleOf('src/');

    expect(ownerRuleOf([file], 'Dockerfile')).toBe(file);
    expect(ownerRuleOf([file], 'apps/web-bff/Dockerfile')).toBe(file);
    expect(ownerRuleOf([directory], 'libs/shared/auth/src/index.ts')).toBe(directory);
  });

  it('matches every file beneath a directory named by a pattern without a trailing slash', () => {
    const rule = ruleOf('/deploy');

    expect(ownerRuleOf([rule], 'deploy/k8s/web-bff/deployment.yaml')).toBe(rule);
    expect(ownerRuleOf([rule], 'deployment.yaml')).toBeUndefined();
  });

  it('keeps * within one path segment', () => {
    const rule = ruleOf('/apps/*-e2e/');

    expect(ownerRuleOf([rule], 'apps/web-e2e/src/app.spec.ts')).toBe(rule);
    expect(ownerRuleOf([rule], 'apps/web-bff/src/e2e/x.ts')).toBeUndefined();
    expect(ownerRuleOf([ruleOf('*.md')], 'libs/shared/auth/README.md')).toBeDefined();
  });

  it('gives * alone every file', () => {
    const rule = ruleOf('*');

    expect(ownerRuleOf([rule], 'README.md')).toBe(rule);
    expect(ownerRuleOf([rule], 'libs/shared/auth/src/index.ts')).toBe(rule);
  });

  it('gives an anchored pattern ending in /* the files directly inside only', () => {
    const rule = ruleOf('docs/*');

    expect(ownerRuleOf([rule], 'docs/getting-started.md')).toBe(rule);
    expect(ownerRuleOf([rule], 'docs/build-app/troubleshooting.md')).toBeUndefined();
    expect(ownerRuleOf([ruleOf('/*')], 'apps/web/project.json')).toBeUndefined();
  });
});

describe('directories', () => {
  it('covers a directory whose every file the pattern matches', () => {
    expect(coversDirectory(ruleOf('/apps/web/'), 'apps/web')).toBe(true);
    expect(coversDirectory(ruleOf('/apps/'), 'apps/web')).toBe(true);
    expect(coversDirectory(ruleOf('*'), 'apps/web')).toBe(true);
    expect(coversDirectory(ruleOf('/apps/web/'), 'apps')).toBe(false);
    expect(coversDirectory(ruleOf('/apps/web/project.json'), 'apps/web')).toBe(false);
    expect(coversDirectory(ruleOf('/apps/*'), 'apps/web')).toBe(false);
  });

  it('gives a directory to the last rule that covers it whole, past narrower ones', () => {
    const { rules } = parseCodeowners(
      '*  @bff-org/platform-team\n/apps/web/  @bff-org/web-team\n/apps/web/README.md  @octocat\n',
    );

    expect(directoryRuleOf(rules, 'apps/web')?.line).toBe(2);
    expect(directoryRuleOf(rules, 'libs/web/contracts')?.line).toBe(1);
  });
});
