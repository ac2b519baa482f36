import { BadRequestException, HttpException, ServiceUnavailableException } from '@nestjs/common';
import { BffError } from './bff.error';
import { statusOf } from './status-of';

describe('statusOf', () => {
  it('reads a BffError’s catalogue status', () => {
    expect(statusOf(new BffError('UPSTREAM_TIMEOUT'))).toBe(504);
    expect(statusOf(new BffError('NOT_FOUND', 'gone'))).toBe(404);
  });

  it('reads an HttpException’s status', () => {
    expect(statusOf(new BadRequestException('no'))).toBe(400);
    expect(statusOf(new ServiceUnavailableException())).toBe(503);
    expect(statusOf(new HttpException('moved', 302))).toBe(302);
  });

  it('reads a framework error’s 4xx or 5xx statusCode', () => {
    expect(statusOf(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 }))).toBe(400);
    expect(statusOf({ statusCode: 502 })).toBe(502);
  });

  it.each([
    ['a TypeError', new TypeError('x')],
    ['a string', 'boom'],
    ['null', null],
    ['a statusCode that is no error status', { statusCode: 200 }],
    ['a statusCode past 599', { statusCode: 600 }],
    ['a statusCode that is not a number', { statusCode: '500' }],
  ])('knows no status for %s', (_label, thrown) => {
    expect(statusOf(thrown)).toBeUndefined();
  });
});
