import type { RequestContextData } from '@bff/platform';
import { downstreamHeaders } from './downstream-headers';

const context: RequestContextData = {
  requestId: 'req-1',
  clientIp: '203.0.113.7',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  tracestate: 'vendor=abc',
  acceptLanguage: 'de-CH, de;q=0.9',
  subject: 'user-7',
};

describe('downstreamHeaders', () => {
  it('propagates the request id, trace context and language, the verified subject and the client address', () => {
    expect(downstreamHeaders(context)).toEqual({
      'x-request-id': 'req-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: 'vendor=abc',
      'accept-language': 'de-CH, de;q=0.9',
      'x-user-id': 'user-7',
      'x-forwarded-for': '203.0.113.7',
    });
  });

  it('sends no x-user-id for an anonymous caller, and leaves out what the request did not have', () => {
    expect(
      downstreamHeaders({ requestId: 'r', clientIp: '127.0.0.1', traceparent: context.traceparent }),
    ).toEqual({
      'x-request-id': 'r',
      traceparent: context.traceparent,
      'x-forwarded-for': '127.0.0.1',
    });
  });

  it('outside a request, still sends a fresh request id and trace', () => {
    const headers = downstreamHeaders(undefined);

    expect(headers).toEqual({
      'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
    });
    expect(downstreamHeaders(undefined)['x-request-id']).not.toBe(headers['x-request-id']);
  });

  it('adds an idempotency key and lets a call override the propagated headers, in any letter case', () => {
    const headers = downstreamHeaders(context, {
      'Idempotency-Key': 'key-1',
      'X-Request-Id': 'req-override',
      'accept-language': 'fr',
    });

    expect(headers).toMatchObject({
      'idempotency-key': 'key-1',
      'x-request-id': 'req-override',
      'accept-language': 'fr',
    });
  });

  it.each([
    'connection',
    'Connection',
    'keep-alive',
    'te',
    'transfer-encoding',
    'upgrade',
    'proxy-authorization',
    'proxy-connection',
    'x-user-id',
    'X-User-Id',
    'x-internal-role',
    'x-forwarded-for',
    'x-forwarded-host',
    'x-forwarded-proto',
    'forwarded',
    'host',
    'authorization',
    'cookie',
    'content-length',
    'x-fault-status',
  ])('refuses the call header %s', (name) => {
    expect(() => downstreamHeaders(context, { [name]: 'x' })).toThrow(
      `The header "${name.toLowerCase()}" may not be sent`,
    );
  });

  it.each([
    ['x-request-id', 'bad id <script>'],
    ['traceparent', 'a\r\nx-user-id: 1'],
    ['accept-language', ''],
    ['idempotency-key', 'has space'],
    ['idempotency-key', 'k'.repeat(256)],
  ])('refuses an invalid %s value', (name, value) => {
    expect(() => downstreamHeaders(context, { [name]: value })).toThrow(`The header "${name}" has a value`);
  });

  it('refuses a subject that cannot travel as a header value', () => {
    expect(() => downstreamHeaders({ ...context, subject: 'a\nb' })).toThrow('x-user-id');
  });
});
