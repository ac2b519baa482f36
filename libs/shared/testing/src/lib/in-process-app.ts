import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { createFastifyAdapter } from '@bff/platform';

/**
 * An app module booted in-process on the workspace's Fastify settings, for specs
 * that drive routes with `app.inject` (no port, no process). `configure` may
 * override providers before compiling.
 *
 * @example
 * const app = await startInProcessApp(AppModule, (builder) => builder.overrideProvider(FAULT_RANDOM).useValue(() => 0));
 * const response = await app.inject({ method: 'GET', url: '/products/1' });
 * await app.close();
 */
export async function startInProcessApp(
  module: Type,
  configure: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<NestFastifyApplication> {
  const moduleRef = await configure(Test.createTestingModule({ imports: [module] })).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
