import { BffError, PROBLEM_CONTENT_TYPE, toProblem } from '@bff/problem';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

/**
 * Answers `405 Method Not Allowed` with an `Allow` header (RFC 9110 §15.5.6) when a
 * path that no route serves for the request's method is served for others, instead
 * of Fastify's plain 404. Routes are learnt as they are registered; the check runs
 * only for requests that matched no route, so routed requests pay nothing.
 *
 * @example
 * answerMethodNotAllowed(adapter.getInstance()); // before any route is registered
 */
export function answerMethodNotAllowed(fastify: FastifyInstance): void {
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const pattern = patternOf(route.url);
    let entry = routes.find((known) => known.pattern.source === pattern.source);
    if (entry === undefined) routes.push((entry = { pattern, methods: new Set() }));
    for (const method of methods) entry.methods.add(method.toUpperCase());
  });
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!request.is404) return done();
    const path = request.url.split('?')[0];
    const allowed = new Set<string>();
    for (const route of routes) if (route.pattern.test(path)) for (const method of route.methods) allowed.add(method);
    if (allowed.size === 0) return done();
    const allow = [...allowed].sort().join(', ');
    const problem = toProblem(new BffError('METHOD_NOT_ALLOWED', `${request.method} is not allowed here; use ${allow}.`), path);
    void reply.status(problem.status).header('allow', allow).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  });
}

/** A route pattern (`/users/:id`, `/files/*`) as a regular expression over a concrete path. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}
