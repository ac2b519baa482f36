import { BffError } from '@bff/problem';
import { z } from 'zod';
import { SchemaPipe } from './schema.pipe';

describe('SchemaPipe', () => {
  const pipe = new SchemaPipe(z.object({ name: z.string().trim().min(1), age: z.number().int() }));

  it('returns the parsed value', () => {
    expect(pipe.transform({ name: ' Ada ', age: 36 })).toEqual({ name: 'Ada', age: 36 });
  });

  it('throws a BAD_REQUEST listing every failed field', () => {
    let error: unknown;
    try {
      pipe.transform({ name: '', age: 'x' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(BffError);
    const { code, extensions } = error as BffError;
    expect(code).toBe('BAD_REQUEST');
    expect((extensions['errors'] as { path: string }[]).map((e) => e.path)).toEqual(['name', 'age']);
  });

  it('uses the code it was given', () => {
    expect(() => new SchemaPipe(z.string(), 'INVALID_QUERY').transform(1)).toThrow(
      expect.objectContaining({ code: 'INVALID_QUERY' }) as BffError,
    );
  });
});
