import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { replyForbidsStoring, represent } from './stored-representation';

function reply(state: { statusCode?: number; sent?: boolean; headers?: Record<string, string> }): FastifyReply {
  const headers = state.headers ?? {};
  return { statusCode: state.statusCode ?? 200, sent: state.sent ?? false, getHeader: (name: string) => headers[name] } as unknown as FastifyReply;
}

describe('stored representation', () => {
  it('stores JSON values as the bytes sent, and strings as they are', () => {
    expect(represent({ id: 1 }, reply({}))).toEqual({ body: '{"id":1}', contentType: 'application/json; charset=utf-8' });
    expect(represent('hi', reply({}))).toEqual({ body: 'hi', contentType: 'text/plain; charset=utf-8' });
    expect(represent('<p/>', reply({ headers: { 'content-type': 'text/html' } }))).toEqual({ body: '<p/>', contentType: 'text/html' });
  });

  it('stores no stream, buffer or missing value', () => {
    expect(represent(undefined, reply({}))).toBeUndefined();
    expect(represent(Buffer.from('x'), reply({}))).toBeUndefined();
    expect(represent(new StreamableFile(Buffer.from('x')), reply({}))).toBeUndefined();
    expect(represent(Readable.from(['x']), reply({}))).toBeUndefined();
  });

  it('does not store what the route answered with another status, a cookie, no-store or private', () => {
    expect(replyForbidsStoring(reply({}))).toBe(false);
    expect(replyForbidsStoring(reply({ statusCode: 203 }))).toBe(true);
    expect(replyForbidsStoring(reply({ headers: { 'set-cookie': 'a=b' } }))).toBe(true);
    expect(replyForbidsStoring(reply({ headers: { 'cache-control': 'no-store' } }))).toBe(true);
    expect(replyForbidsStoring(reply({ headers: { 'cache-control': 'Private, max-age=5' } }))).toBe(true);
    expect(replyForbidsStoring(reply({ sent: true, statusCode: 500 }))).toBe(false);
  });
});
