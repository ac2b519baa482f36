import { workspaceRoot } from '@nx/devkit';
import { DOWNSTREAM_SERVICES } from '@bff/downstream-contracts';
import { validate } from 'dockerfile-utils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dockerfile, argsOf, envOf, execForm, type Stage } from './dockerfile';
import { GATEWAYS } from './gateway-config';

/** The one base image, for building and for running: the Node the workspace runs on. */
const BASE_IMAGE = 'node:24-slim';

interface ImageRecipe {
  path: string;
  /** The Nx projects its build stage builds. */
  builds: string[];
  /** Where the runtime stage copies the app's bundle from. */
  bundle: string;
  /** The route its HEALTHCHECK asks. */
  health: string;
}

const RECIPES: ImageRecipe[] = [
  ...GATEWAYS.map((gateway) => ({
    path: `apps/${gateway}/Dockerfile`,
    builds: gateway === 'web-bff' ? ['web-bff', 'web'] : [gateway],
    bundle: `dist/apps/${gateway}/`,
    health: '/health/live',
  })),
  // One recipe for every demo service, the app named by a build argument.
  {
    path: 'deploy/docker/Dockerfile',
    builds: ['${APP}'],
    bundle: 'dist/apps/demo/${APP}/',
    health: '/health',
  },
];

/** Whether a stage installs only production dependencies (`npm ci --omit=dev`). */
const installsProductionDependencies = (stage: Stage) =>
  argsOf(stage, 'RUN').some((run) => /\bnpm ci\b[^&|;]*--omit=dev\b/.test(run));

/** The source paths and `--from` stage of each `COPY` in a stage. */
function copiesOf(stage: Stage): { from?: string; sources: string[]; destination: string }[] {
  return argsOf(stage, 'COPY').map((args) => {
    const words = args.split(' ');
    const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((word) => !word.startsWith('--'));
    return { from, sources: paths.slice(0, -1), destination: paths[paths.length - 1] };
  });
}

describe.each(RECIPES.map((recipe) => [recipe.path, recipe] as const))('%s', (_path, recipe) => {
  const dockerfile = Dockerfile.read(recipe.path);
  const { runtime } = dockerfile;

  it('lints clean with dockerfile-utils', () => {
    expect(
      validate(dockerfile.text).map(
        (diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`,
      ),
    ).toEqual([]);
  });

  it(`builds in a stage of its own and runs on ${BASE_IMAGE}, a tag rather than a digest`, () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile.stages.map((stage) => stage.image)).toEqual(dockerfile.stages.map(() => BASE_IMAGE));
  });

  it('installs from the lockfile and builds the bundle with Nx in the build stage', () => {
    const build = dockerfile.stages.find((stage) => argsOf(stage, 'RUN').some((run) => /\bnx\b/.test(run)));
    expect(build).toBeDefined();
    expect(build).not.toBe(runtime);
    const runs = build ? argsOf(build, 'RUN') : [];
    expect(runs.some((run) => /\bnpm ci\b/.test(run) && !/--omit=dev/.test(run))).toBe(true);
    const nx = runs.find((run) => /\bnx\b/.test(run)) ?? '';
    for (const project of recipe.builds) expect(nx).toContain(project);
  });

  it('runs with production dependencies only: node_modules from `npm ci --omit=dev`, and the bundle', () => {
    const copies = copiesOf(runtime);
    const modules = copies.find((copy) => copy.sources.some((source) => /node_modules\/?$/.test(source)));
    const source = modules?.from === undefined ? runtime : dockerfile.stage(modules.from);
    expect(source && installsProductionDependencies(source)).toBe(true);
    expect(
      argsOf(runtime, 'RUN').filter((run) => /\bnpm (ci|install|i)\b/.test(run) && !/--omit=dev/.test(run)),
    ).toEqual([]);
    expect(
      copies.some(
        (copy) => copy.from !== undefined && copy.sources.some((path) => path.endsWith(recipe.bundle)),
      ),
    ).toBe(true);
  });

  it('runs as the non-root node user with NODE_ENV=production', () => {
    const users = argsOf(runtime, 'USER');
    expect(users[users.length - 1]).toBe('node');
    // Nothing after the switch runs as root again or installs anything.
    const after = runtime.instructions.slice(
      runtime.instructions.findLastIndex((each) => each.keyword === 'USER'),
    );
    expect(after.filter((each) => each.keyword === 'RUN')).toEqual([]);
    expect(envOf(runtime)['NODE_ENV']).toBe('production');
  });

  it(`has a HEALTHCHECK asking ${recipe.health} with node (no curl in the slim image)`, () => {
    const [healthcheck] = argsOf(runtime, 'HEALTHCHECK');
    const command = execForm(healthcheck?.replace(/^(--\S+ )*CMD /, '') ?? '');
    expect(command?.[0]).toBe('node');
    expect(command?.join(' ')).toContain(`'${recipe.health}'`);
  });

  it('stops on SIGTERM, which reaches node itself: exec-form CMD, no shell in between', () => {
    expect(argsOf(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM']);
    const cmd = argsOf(runtime, 'CMD');
    expect(cmd).toHaveLength(1);
    expect(execForm(cmd[0])).toEqual(['node', 'main.js']);
    expect(argsOf(runtime, 'ENTRYPOINT')).toEqual([]);
  });

  it('listens on every interface and exposes the port it listens on (and the metrics port)', () => {
    const env = envOf(runtime);
    expect(env['HOST']).toBe('0.0.0.0');
    const exposed = argsOf(runtime, 'EXPOSE').flatMap((args) => args.split(' '));
    expect(exposed).toContain(env['PORT']);
    if (env['METRICS_PORT']) {
      expect(env['METRICS_HOST']).toBe('0.0.0.0');
      expect(exposed).toContain(env['METRICS_PORT']);
    }
  });
});

describe('apps/web-bff/Dockerfile', () => {
  it('copies the browser app where WEB_APP_DIR points', () => {
    const { runtime } = Dockerfile.read('apps/web-bff/Dockerfile');
    const webAppDir = envOf(runtime)['WEB_APP_DIR'];
    expect(webAppDir).toMatch(/^\//);
    const workdir = argsOf(runtime, 'WORKDIR').at(-1) ?? '/';
    const copies = copiesOf(runtime).filter((copy) =>
      copy.sources.some((source) => /dist\/apps\/web\/?$/.test(source)),
    );
    expect(copies.map((copy) => join(workdir, copy.destination).replace(/\/$/, ''))).toEqual([webAppDir]);
  });
});

describe('the demo services’ image recipe (deploy/docker/Dockerfile)', () => {
  it('finds each service’s bundle where it copies it from: APP is both the project and its folder under apps/demo', () => {
    for (const { app, root } of Object.values(DOWNSTREAM_SERVICES)) expect(root).toBe(`apps/demo/${app}`);
  });
});

describe('.dockerignore', () => {
  it('keeps host installs, builds, history and env files out of the build context', () => {
    const ignored = readFileSync(join(workspaceRoot, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(
      expect.arrayContaining(['node_modules', '**/node_modules', 'dist', '.git', '.nx', '.env']),
    );
  });
});
