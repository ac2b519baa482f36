import { BffError } from '@bff/problem';
import { operationIdFrom } from './idempotency-key';

describe('operationIdFrom', () => {
  it('takes the Idempotency-Key as the operation id, bare or quoted as a Structured Fields string', () => {
    expect(operationIdFrom('k-4f1c2a9b')).toBe('k-4f1c2a9b');
    expect(operationIdFrom('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
  });

  it('makes a new id when the client sent none', () => {
    const [a, b] = [operationIdFrom(undefined), operationIdFrom(undefined)];
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it.each([
    ['short'],
    ['has space inside'],
    ['x'.repeat(65)],
    ['"unterminated'],
    ['a/b/../c-123'],
    ['k-1, k-2'],
  ])('refuses %j with a 400 naming the header', (key) => {
    const error = (() => {
      try {
        return operationIdFrom(key);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(BffError);
    expect(error).toMatchObject({ code: 'BAD_REQUEST', extensions: { header: 'Idempotency-Key' } });
    expect((error as BffError).detail).toContain('Idempotency-Key');
  });

  it('refuses the header sent twice', () => {
    expect(() => operationIdFrom(['k-11111111', 'k-22222222'])).toThrow(BffError);
  });
});
