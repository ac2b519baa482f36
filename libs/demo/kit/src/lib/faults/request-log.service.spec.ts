import { REQUEST_LOG_CAPACITY, RequestLog } from './request-log.service';

describe('RequestLog', () => {
  it('returns requests oldest first, the last `limit` when asked', () => {
    const log = new RequestLog();
    for (const path of ['/a', '/b', '/c']) log.record('GET', path, { 'x-request-id': path });

    expect(log.recent().map((entry) => entry.path)).toEqual(['/a', '/b', '/c']);
    expect(log.recent(2).map((entry) => entry.path)).toEqual(['/b', '/c']);
    expect(log.recent(1)[0]).toEqual({ method: 'GET', path: '/c', headers: { 'x-request-id': '/c' } });
  });

  it('keeps only the most recent requests once full', () => {
    const log = new RequestLog();
    for (let i = 0; i < REQUEST_LOG_CAPACITY + 5; i++) log.record('GET', `/${i}`, {});

    const paths = log.recent().map((entry) => entry.path);
    expect(paths).toHaveLength(REQUEST_LOG_CAPACITY);
    expect(paths[0]).toBe('/5');
    expect(paths.at(-1)).toBe(`/${REQUEST_LOG_CAPACITY + 4}`);
    expect(log.recent(2).map((entry) => entry.path)).toEqual([
      `/${REQUEST_LOG_CAPACITY + 3}`,
      `/${REQUEST_LOG_CAPACITY + 4}`,
    ]);
  });

  it('keeps a copy of the headers, and forgets everything on clear', () => {
    const log = new RequestLog();
    const headers: Record<string, string> = { a: '1' };
    log.record('POST', '/x', headers);
    headers['a'] = 'changed';

    expect(log.recent()[0]?.headers).toEqual({ a: '1' });
    log.clear();
    expect(log.recent()).toEqual([]);
  });
});
