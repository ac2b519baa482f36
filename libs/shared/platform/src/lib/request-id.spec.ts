import { requestIdFrom } from './request-id';

describe('requestIdFrom', () => {
  it('keeps a well-formed id', () => {
    expect(requestIdFrom('web-7f3a:42')).toBe('web-7f3a:42');
  });

  it.each([undefined, '', 'has space', '<script>', 'x'.repeat(129), ['a', 'b']])('replaces %j with a UUID', (header) => {
    expect(requestIdFrom(header)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
