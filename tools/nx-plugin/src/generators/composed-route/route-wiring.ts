import type { Tree } from '@nx/devkit';
import type { RouteTarget } from './route-target';

/**
 * Registers the route's controller and service in the gateway's `AppModule`: their
 * imports after the module's last relative import, the controller at the end of
 * `controllers`, the service at the end of `providers`.
 */
export function registerInAppModule(tree: Tree, target: RouteTarget): void {
  const file = `apps/${target.app}/src/app/app.module.ts`;
  let source = tree.read(file, 'utf-8') ?? '';
  const controller = `${target.routeClass}Controller`;
  const service = `${target.routeClass}Service`;
  if (source.includes(controller)) return;

  source = afterLastImport(
    source,
    [
      `import { ${controller} } from './${target.route}/${target.route}.controller';`,
      `import { ${service} } from './${target.route}/${target.route}.service';`,
    ],
    file,
  );
  source = replaceOnce(source, /controllers: \[([^\]]*)\]/, (_, list: string) => `controllers: [${list.trim()}, ${controller}]`, file, 'controllers');
  // `providers` is the module's last array: the service goes before its closing bracket.
  source = replaceOnce(source, /(\n {2}\],\n\}\)\nexport class AppModule)/, (end: string) => `\n    ${service},${end}`, file, 'the end of providers');
  tree.write(file, source);
}

/** Adds the route's contract schemas to the components of the gateway's API description. */
export function describeInApi(tree: Tree, target: RouteTarget): void {
  const file = `apps/${target.app}/src/openapi/api-description.ts`;
  const schemas = `${target.clientConstant}_${target.routeConstant}_SCHEMAS`;
  let source = tree.read(file, 'utf-8') ?? '';
  if (source.includes(schemas)) return;

  source = afterLastImport(source, [`import { ${schemas} } from '@bff/${target.client}-contracts';`], file);
  source = replaceOnce(source, /schemas: \{([^}]*)\}/, (_, list: string) => `schemas: { ${list.trim()}, ...${schemas} }`, file, 'schemas');
  tree.write(file, source);
}

/** Exports the route's types and schemas from the client's contracts lib. */
export function exportFromContracts(tree: Tree, target: RouteTarget): void {
  const file = `libs/${target.client}/contracts/src/index.ts`;
  const source = tree.read(file, 'utf-8') ?? '';
  const type = `${target.clientClass}${target.routeClass}`;
  if (source.includes(`'./lib/${target.route}.response'`)) return;
  tree.write(
    file,
    `${source.replace(/\n*$/, '\n')}export type { ${type}, ${type}Rating } from './lib/${target.route}.response';\n` +
      `export { ${target.clientConstant}_${target.routeConstant}_SCHEMAS } from './lib/${target.route}.schemas';\n`,
  );
}

function afterLastImport(source: string, lines: readonly string[], file: string): string {
  const imports = [...source.matchAll(/^import [^;]+;\n/gm)];
  const last = imports.at(-1);
  if (!last) throw new Error(`${file} has no import to add after: register the route by hand.`);
  const at = last.index + last[0].length;
  return `${source.slice(0, at)}${lines.join('\n')}\n${source.slice(at)}`;
}

function replaceOnce(
  source: string,
  pattern: RegExp,
  replacer: (...groups: string[]) => string,
  file: string,
  what: string,
): string {
  if (!pattern.test(source)) throw new Error(`${file}: ${what} not found where a generated gateway has it; register the route by hand.`);
  return source.replace(pattern, replacer);
}
