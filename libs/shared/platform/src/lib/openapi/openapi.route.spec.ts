import { Global, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypedConfig } from '@bff/config';
import { injectableApp } from '../../test/injectable-app';
import { OpenApiModule } from './openapi.module';

class AppConfig extends TypedConfig<{ OPENAPI_ENABLED: boolean }> {}

const DOCUMENT = { openapi: '3.1.0', info: { title: 'Things', version: '1' }, paths: {} };

function appServing(enabled: boolean): Promise<NestFastifyApplication> {
  @Global()
  @Module({
    providers: [{ provide: AppConfig, useValue: new AppConfig({ OPENAPI_ENABLED: enabled }) }],
    exports: [AppConfig],
  })
  class ConfigHost {}

  @Module({ imports: [ConfigHost, OpenApiModule.forRoot({ document: DOCUMENT, config: AppConfig })] })
  class App {}

  return injectableApp(App);
}

describe('GET /openapi.json', () => {
  let app: NestFastifyApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('serves the document as JSON', async () => {
    app = await appServing(true);
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual(DOCUMENT);
  });

  it('is not there with OPENAPI_ENABLED=false', async () => {
    app = await appServing(false);
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(404);
  });
});
