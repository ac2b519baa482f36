import type { IncomingMessage } from 'node:http';
import { requestLineFault } from './host-header';

const message = (rawHeaders: string[], version = '1.1') => {
  const [major, minor] = version.split('.').map(Number);
  return { httpVersionMajor: major, httpVersionMinor: minor, rawHeaders } as unknown as IncomingMessage;
};

describe('requestLineFault', () => {
  it.each([
    ['example.com'],
    ['example.com:8080'],
    ['127.0.0.1:3000'],
    ['[::1]:3000'],
    ['[2001:db8::7]'],
    ['xn--bcher-kva.example'],
    [''],
  ])('accepts Host: %s', (host) => {
    expect(requestLineFault(message(['Host', host, 'Accept', '*/*']))).toBeUndefined();
  });

  it.each([['a b'], ['exa mple'], ['[bad'], ['bad]'], ['a/b'], ['a@b'], ['example.com:80:80'], ['example.com:http']])(
    'refuses Host: %s',
    (host) => {
      expect(requestLineFault(message(['Host', host]))).toBe('invalidHost');
    },
  );

  it('refuses two Host headers, whatever their case', () => {
    expect(requestLineFault(message(['Host', 'a', 'Accept', '*/*', 'HOST', 'b']))).toBe('duplicateHost');
  });

  it('requires Host on HTTP/1.1 only', () => {
    expect(requestLineFault(message(['Accept', '*/*']))).toBe('missingHost');
    expect(requestLineFault(message(['Accept', '*/*'], '1.0'))).toBeUndefined();
  });

  it('refuses an HTTP/0.9 request line', () => {
    expect(requestLineFault(message([], '0.9'))).toBe('version');
  });

  describe('over HTTP/2', () => {
    const h2 = (headers: Record<string, string>) =>
      ({ httpVersionMajor: 2, httpVersionMinor: 0, rawHeaders: [], headers }) as unknown as IncomingMessage;

    it('takes the host from :authority, or from Host without it', () => {
      expect(requestLineFault(h2({ ':authority': 'localhost:3000' }))).toBeUndefined();
      expect(requestLineFault(h2({ host: 'localhost:3000' }))).toBeUndefined();
      expect(requestLineFault(h2({ ':authority': 'localhost:3000', host: 'localhost:3000' }))).toBeUndefined();
    });

    it('refuses a request naming no host, a host that is not one, or two hosts that disagree', () => {
      expect(requestLineFault(h2({}))).toBe('missingHost');
      expect(requestLineFault(h2({ ':authority': 'a b' }))).toBe('invalidHost');
      expect(requestLineFault(h2({ ':authority': 'a.example', host: 'b.example' }))).toBe('duplicateHost');
    });
  });
});
