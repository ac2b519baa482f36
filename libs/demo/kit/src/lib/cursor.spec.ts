import { decodeCursor, encodeCursor } from './cursor';

describe('cursor', () => {
  it.each([0, 1, 20, 499, 123_456_789])('round-trips offset %d', (offset) => {
    const cursor = encodeCursor(offset);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toBe(offset);
  });

  it.each(['', 'not-a-cursor', '20', 'bzIw!', 'bzA1', Buffer.from('o-1').toString('base64url'), 'x'.repeat(100)])(
    'rejects %j',
    (cursor) => {
      expect(decodeCursor(cursor)).toBeUndefined();
    },
  );

  it('refuses offsets that cannot be a position', () => {
    expect(() => encodeCursor(-1)).toThrow(RangeError);
    expect(() => encodeCursor(1.5)).toThrow(RangeError);
  });
});
