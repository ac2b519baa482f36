import { grpcTarget } from './config.schemas';

describe('grpcTarget', () => {
  const schema = grpcTarget('127.0.0.1:5003');

  it.each(['127.0.0.1:5003', 'inventory:5003', 'inventory.internal.example:443', '[::1]:5003', ' 10.0.0.7:50051 '])(
    'accepts %j',
    (value) => {
      expect(schema.safeParse(value)).toEqual({ success: true, data: value.trim() });
    },
  );

  it('defaults when unset', () => {
    expect(schema.parse(undefined)).toBe('127.0.0.1:5003');
  });

  it.each([
    ['a scheme', 'http://127.0.0.1:5003'],
    ['no port', '127.0.0.1'],
    ['port 0', '127.0.0.1:0'],
    ['a port past 65535', '127.0.0.1:70000'],
    ['a path', '127.0.0.1:5003/inventory'],
    ['credentials', 'user@127.0.0.1:5003'],
    ['an empty value', ''],
  ])('rejects %s', (_label, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });
});
