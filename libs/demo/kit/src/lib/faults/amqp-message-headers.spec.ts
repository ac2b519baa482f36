import { messageHeaders } from './amqp-message-headers';

describe('messageHeaders', () => {
  it('turns AMQP headers into lower-case headers with string values', () => {
    expect(
      messageHeaders({
        'X-Request-Id': 'abc',
        'x-fault-status': 503,
        'x-fault-hang': true,
        'x-trace-bin': Buffer.from([1, 2, 3]),
        'x-tags': ['one', 'two'],
        'x-nothing': null,
      }),
    ).toEqual({
      'x-request-id': 'abc',
      'x-fault-status': '503',
      'x-fault-hang': 'true',
      'x-trace-bin': 'AQID',
      'x-tags': '["one","two"]',
    });
  });

  it('gives no headers for a message without any', () => {
    expect(messageHeaders(undefined)).toEqual({});
    expect(messageHeaders({})).toEqual({});
  });
});
