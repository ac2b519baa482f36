import { BffError } from '@bff/problem';
import { ResourceIdPipe } from './resource-id.pipe';

describe('ResourceIdPipe', () => {
  const pipe = new ResourceIdPipe();
  const meta = { type: 'param' as const, data: 'productId' };

  it.each(['1', '500', 'abc-DEF_9', 'x'.repeat(64)])('accepts %j', (id) => {
    expect(pipe.transform(id, meta)).toBe(id);
  });

  it.each(['', '..', '../admin', '..%2Fadmin', '%2e%2e', 'a/b', 'a.b', 'x'.repeat(65), 'x'.repeat(300), 'a\u0000b', 'a\nb', 'é', 'http://evil'])(
    'rejects %j with INVALID_ID naming the parameter',
    (id) => {
      expect(() => pipe.transform(id, meta)).toThrow(
        expect.objectContaining({ code: 'INVALID_ID', extensions: { parameter: 'productId' } }) as BffError,
      );
    },
  );

  it('rejects non-strings', () => {
    expect(() => pipe.transform(undefined, meta)).toThrow(BffError);
  });
});
