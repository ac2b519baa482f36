import { BadRequestException, NotFoundException } from '@nestjs/common';
import { BffError } from './bff.error';
import { toProblem } from './to-problem';

describe('toProblem', () => {
  it('keeps the code, detail and extensions of a BffError', () => {
    expect(toProblem(new BffError('UPSTREAM_TIMEOUT', 'The product service did not answer in time.', { service: 'product' }), '/x')).toEqual({
      type: 'urn:bff:problem:upstream-timeout',
      title: 'Upstream timed out',
      status: 504,
      detail: 'The product service did not answer in time.',
      instance: '/x',
      code: 'UPSTREAM_TIMEOUT',
      service: 'product',
    });
  });

  it('lets extensions never override the standard members', () => {
    const problem = toProblem(new BffError('NOT_FOUND', 'gone', { status: 200, code: 'OK' }));
    expect(problem.status).toBe(404);
    expect(problem.code).toBe('NOT_FOUND');
  });

  it('maps a 4xx HttpException to its status with its message', () => {
    expect(toProblem(new BadRequestException('limit must be at most 50'))).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      detail: 'limit must be at most 50',
    });
    expect(toProblem(new NotFoundException())).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('maps a framework error with a 4xx statusCode (e.g. malformed JSON) to that status', () => {
    const fastifyError = Object.assign(new Error('Body is not valid JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
    expect(toProblem(fastifyError)).toMatchObject({ status: 400, detail: 'Body is not valid JSON' });
  });

  it.each([
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'status')")],
    ['a string', 'connect ECONNREFUSED 10.0.0.7:4001'],
    ['null', null],
    ['an object with a 500 statusCode', { statusCode: 500, message: 'db password is hunter2' }],
  ])('answers %s with a bare 500 that leaks nothing', (_label, thrown) => {
    const problem = toProblem(thrown);
    expect(problem).toEqual({ type: 'urn:bff:problem:internal', title: 'Internal server error', status: 500, code: 'INTERNAL' });
  });
});
