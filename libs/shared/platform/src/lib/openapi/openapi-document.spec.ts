import { Controller, Get, Injectable, Module, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity } from '@nestjs/swagger';
import { InfrastructureRoute } from '../infrastructure-route';
import { ApiProblems } from './api-problems.decorator';
import { describeHttpApi, type ApiDescription } from './openapi-document';
import { EDGE_PROBLEMS } from './problem-responses';

@Injectable()
class Unstartable {
  constructor() {
    throw new Error('instantiated while only being described');
  }
}

@Controller('things')
class ThingsController {
  constructor(readonly unstartable: Unstartable) {}

  @Get(':id')
  @ApiOkResponse({ schema: { $ref: '#/components/schemas/Thing' } })
  @ApiProblems('INVALID_ID', 'NOT_FOUND')
  get(@Param('id') id: string) {
    return { id };
  }

  @Get('probe')
  @InfrastructureRoute()
  probe() {
    return { status: 'ok' };
  }

  @Post()
  @ApiSecurity('bearerAuth')
  @ApiProblems('UNAUTHORIZED', 'UPSTREAM_UNAVAILABLE')
  create() {
    return {};
  }
}

@Module({ controllers: [ThingsController], providers: [Unstartable] })
class ThingsModule {}

const DESCRIPTION: ApiDescription = {
  title: 'Things',
  version: '1',
  description: 'Things, described.',
  tags: {},
  securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
  schemas: {
    Thing: {
      type: 'object',
      properties: { id: { type: 'string' }, part: { $ref: '#/components/schemas/Part' } },
    },
    Part: { type: 'object' },
    Unused: { type: 'object' },
  },
};

type Operation = {
  security: unknown[];
  responses: Record<string, { content?: Record<string, { schema: { allOf: object[] } }> }>;
};

describe('describeHttpApi', () => {
  it('describes a module without instantiating any of its providers, leaving its infrastructure routes out', async () => {
    const document = await describeHttpApi(ThingsModule, DESCRIPTION);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(['/things', '/things/{id}']);
  });

  it('answers each status with one problem+json response whose code enum holds the route’s codes and the edge’s', async () => {
    const document = await describeHttpApi(ThingsModule, DESCRIPTION);
    const get = document.paths['/things/{id}']?.get as unknown as Operation;
    const codesOf = (status: string) =>
      (
        get.responses[status]?.content?.['application/problem+json']?.schema.allOf[1] as {
          properties: { code: { enum: string[] } };
        }
      ).properties.code.enum;

    expect(codesOf('400')).toEqual(['BAD_REQUEST', 'INVALID_ID']);
    expect(codesOf('404')).toEqual(['NOT_FOUND']);
    expect(codesOf('503')).toEqual(['OVERLOADED']);
    expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '408', '429', '431', '500']));
    expect(EDGE_PROBLEMS).toContain('RATE_LIMITED');
    expect(JSON.stringify(document)).not.toContain('x-bff-problems');
  });

  it('says an operation without @ApiSecurity needs no credentials, and keeps the ones that name a scheme', async () => {
    const document = await describeHttpApi(ThingsModule, DESCRIPTION);
    expect((document.paths['/things/{id}']?.get as unknown as Operation).security).toEqual([]);
    expect((document.paths['/things']?.post as unknown as Operation).security).toEqual([{ bearerAuth: [] }]);
  });

  it('keeps only the components the paths reach, through other components too', async () => {
    const document = await describeHttpApi(ThingsModule, DESCRIPTION);
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(['Part', 'Problem', 'Thing']);
    expect(Object.keys(document.components?.headers ?? {})).toEqual([
      'RateLimit',
      'RateLimit-Policy',
      'Retry-After',
      'WWW-Authenticate',
    ]);
  });

  it('gives the same text every time, its keys in order', async () => {
    const [first, second] = [
      await describeHttpApi(ThingsModule, DESCRIPTION),
      await describeHttpApi(ThingsModule, DESCRIPTION),
    ];
    expect(JSON.stringify(first)).toBe(JSON.stringify(second));
    expect(Object.keys(first)).toEqual([...Object.keys(first)].sort());
  });
});
