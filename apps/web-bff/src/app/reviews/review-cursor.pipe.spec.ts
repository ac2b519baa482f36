import { ReviewCursorPipe } from './review-cursor.pipe';

describe('ReviewCursorPipe', () => {
  const pipe = new ReviewCursorPipe();

  it('passes an absent cursor (the first page) and a base64url token', () => {
    expect(pipe.transform(undefined)).toBeUndefined();
    expect(pipe.transform('bzEw')).toBe('bzEw');
  });

  it.each([[''], ['a'.repeat(65)], ['../x'], ['a b'], [['bzEw', 'bzIw']]])('refuses %p as a 400 INVALID_QUERY', (value) => {
    expect(() => pipe.transform(value)).toThrow(expect.objectContaining({ code: 'INVALID_QUERY' }));
  });
});
