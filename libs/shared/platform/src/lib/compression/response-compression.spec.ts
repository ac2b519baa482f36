import { Controller, Get, Header, HttpCode, NotFoundException } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createFastifyAdapter } from '../bootstrap-http-app';
import { COMPRESSION_THRESHOLD_BYTES, registerResponseCompression } from './response-compression';

/** A JSON page well past the threshold, repetitive as product pages are. */
const PAGE = { items: Array.from({ length: 40 }, (_, i) => ({ id: String(i), name: `Item ${i}`, inStock: i % 2 === 0 })) };

@Controller('probe')
class ProbeController {
  @Get('page')
  page() {
    return PAGE;
  }

  @Get('small')
  small() {
    return { ok: true };
  }

  @Get('missing')
  missing() {
    throw new NotFoundException('x'.repeat(2 * COMPRESSION_THRESHOLD_BYTES));
  }

  @Get('cached')
  @Header('content-type', 'application/json; charset=utf-8')
  @Header('vary', 'Accept-Language')
  cached() {
    return JSON.stringify(PAGE);
  }

  @Get('empty')
  @HttpCode(304)
  empty() {
    return undefined;
  }
}

describe('registerResponseCompression', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
    await registerResponseCompression(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

  it('sends brotli when the client takes it, preferred to gzip on a tie', async () => {
    const response = await get('/probe/page', 'gzip, deflate, br');

    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['vary']).toBe('accept-encoding');
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(JSON.parse(brotliDecompressSync(response.rawPayload).toString())).toEqual(PAGE);
  });

  it('sends gzip to a client without brotli, or one that prefers gzip', async () => {
    for (const acceptEncoding of ['gzip', 'br;q=0.5, gzip']) {
      const response = await get('/probe/page', acceptEncoding);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(response.rawPayload).toString())).toEqual(PAGE);
    }
  });

  it('sends the body as it is without Accept-Encoding, with only identity, or with codings it does not speak', async () => {
    for (const acceptEncoding of [undefined, 'identity', 'compress, zstd;q=0']) {
      const response = await get('/probe/page', acceptEncoding);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.json()).toEqual(PAGE);
      expect(response.headers['vary']).toBe('accept-encoding');
    }
  });

  it('leaves a body under 1 KiB as it is, still saying it varies by Accept-Encoding', async () => {
    const response = await get('/probe/small', 'br, gzip');

    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.json()).toEqual({ ok: true });
    expect(response.headers['vary']).toBe('accept-encoding');
  });

  it('compresses a large error answer like any JSON (the apps send problem+json, matched too)', async () => {
    const response = await get('/probe/missing', 'gzip');

    expect(response.statusCode).toBe(404);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(response.rawPayload).toString())).toMatchObject({ statusCode: 404 });
  });

  it('compresses a body the route sent as a JSON string, adding to the Vary it set', async () => {
    const response = await get('/probe/cached', 'br');

    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['vary']).toBe('Accept-Language, accept-encoding');
    expect(JSON.parse(brotliDecompressSync(response.rawPayload).toString())).toEqual(PAGE);
  });

  it('gives a 304 no body and the Vary of its 200', async () => {
    const response = await get('/probe/empty', 'br');

    expect(response.statusCode).toBe(304);
    expect(response.rawPayload.length).toBe(0);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['vary']).toBe('accept-encoding');
  });
});
