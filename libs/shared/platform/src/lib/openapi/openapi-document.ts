import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { SecuritySchemeObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ErrorCode } from '@bff/problem';
import { PROBLEMS_EXTENSION } from './api-problems.decorator';
import { EDGE_PROBLEMS, PROBLEM_SCHEMA, RESPONSE_HEADERS, problemResponses } from './problem-responses';

/** What an app says about its API beyond what its controllers declare. */
export interface ApiDescription {
  title: string;
  version: string;
  description: string;
  /** The operations' tags, by name, with what each groups. */
  tags: Readonly<Record<string, string>>;
  securitySchemes: Readonly<Record<string, SecuritySchemeObject>>;
  /** The contracts' JSON Schemas, by component name. */
  schemas: Readonly<Record<string, object>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI 3.1 document of an app, read from its module's controllers and their
 * `@nestjs/swagger` decorators. The module is only scanned (`preview: true`): no
 * provider is instantiated, so nothing is configured, connected or listened on. Every
 * operation gets the problems its `@ApiProblems` names plus {@link EDGE_PROBLEMS}; an
 * operation without `@ApiSecurity` is stated to need no credentials. Keys are sorted,
 * so the same code always gives the same text.
 *
 * @example
 * const document = await describeHttpApi(AppModule, { title: 'Web BFF', version: '1', … });
 */
export async function describeHttpApi(module: Type, description: ApiDescription): Promise<OpenAPIObject> {
  const app = await NestFactory.create(module, new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    const builder = new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle(description.title)
      .setVersion(description.version)
      .setDescription(description.description)
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      // The document is served by the gateway it describes: its paths are relative to that origin.
      .addServer('/', 'The gateway that serves this document');
    for (const [name, text] of Object.entries(description.tags)) builder.addTag(name, text);
    for (const [name, scheme] of Object.entries(description.securitySchemes))
      builder.addSecurity(name, scheme);
    const document = SwaggerModule.createDocument(app, builder.build(), { autoTagControllers: false });
    for (const path of Object.values(document.paths)) {
      for (const method of METHODS) {
        const operation = path[method] as
          (Record<string, unknown> & { responses: Record<string, unknown> }) | undefined;
        if (operation === undefined) continue;
        const codes = [
          ...((operation[PROBLEMS_EXTENSION] as ErrorCode[] | undefined) ?? []),
          ...EDGE_PROBLEMS,
        ];
        delete operation[PROBLEMS_EXTENSION];
        Object.assign(operation.responses, problemResponses(codes));
        operation['security'] ??= [];
      }
    }
    const components = {
      headers: RESPONSE_HEADERS,
      schemas: { ...description.schemas, Problem: PROBLEM_SCHEMA },
    };
    return sortKeys({
      ...document,
      components: { ...document.components, ...usedOnly(components, document.paths) },
    }) as OpenAPIObject;
  } finally {
    await app.close();
  }
}

/**
 * The components `paths` reach, directly or through other components: a gateway's
 * document names only the contracts it answers with, though the contract libraries
 * offer them all.
 */
function usedOnly(
  components: Record<string, Readonly<Record<string, unknown>>>,
  paths: unknown,
): Record<string, Record<string, unknown>> {
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && !used.has(child)) {
        used.add(child);
        const [, kind = '', name = ''] = /^#\/components\/([^/]+)\/(.+)$/.exec(child) ?? [];
        visit(components[kind]?.[name]);
      } else visit(child);
    }
  };
  visit(paths);
  return Object.fromEntries(
    Object.entries(components).map(([kind, entries]) => [
      kind,
      Object.fromEntries(
        Object.entries(entries).filter(([name]) => used.has(`#/components/${kind}/${name}`)),
      ),
    ]),
  );
}

/** A copy of `value` with every object's keys in order; arrays keep theirs. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
