import { BffError } from '@bff/problem';
import { encodeCursor } from './cursor';
import { paginate, parsePageRequest } from './pagination';

const options = { defaultLimit: 20, maxLimit: 50 };

describe('parsePageRequest', () => {
  it('defaults to the first page of the default size', () => {
    expect(parsePageRequest({}, options)).toEqual({ offset: 0, limit: 20 });
  });

  it('reads limit and cursor', () => {
    expect(parsePageRequest({ limit: '5', cursor: encodeCursor(40) }, options)).toEqual({ offset: 40, limit: 5 });
  });

  it.each([['0'], ['51'], ['-1'], ['abc'], [''], ['2.5'], ['1e1'], [' 5'], [['5', '6']]])(
    'rejects limit %j as INVALID_QUERY',
    (limit) => {
      expect(() => parsePageRequest({ limit }, options)).toThrow(
        expect.objectContaining({ code: 'INVALID_QUERY', extensions: { parameter: 'limit' } }) as BffError,
      );
    },
  );

  it.each(['', 'garbage', '!!!'])('rejects cursor %j as INVALID_QUERY', (cursor) => {
    expect(() => parsePageRequest({ cursor }, options)).toThrow(
      expect.objectContaining({ code: 'INVALID_QUERY', extensions: { parameter: 'cursor' } }) as BffError,
    );
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 45 }, (_, i) => i);

  it('walks every item exactly once and ends with a null cursor', () => {
    const seen: number[] = [];
    let query: Record<string, string> = { limit: '20' };
    for (let pages = 0; pages < 10; pages++) {
      const page = paginate(items, parsePageRequest(query, options));
      seen.push(...page.items);
      if (page.nextCursor === null) break;
      query = { limit: '20', cursor: page.nextCursor };
    }
    expect(seen).toEqual(items);
  });

  it('gives an empty last page for a cursor past the end', () => {
    expect(paginate(items, { offset: 100, limit: 20 })).toEqual({ items: [], nextCursor: null });
  });

  it('has no next cursor when the page ends exactly at the end', () => {
    expect(paginate(items, { offset: 25, limit: 20 }).nextCursor).toBeNull();
  });
});
