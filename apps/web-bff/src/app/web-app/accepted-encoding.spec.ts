import { acceptedEncoding } from './accepted-encoding';

describe('acceptedEncoding', () => {
  const both = ['br', 'gzip'] as const;

  it('prefers brotli, then gzip, as the client allows', () => {
    expect(acceptedEncoding('gzip, deflate, br, zstd', both)).toBe('br');
    expect(acceptedEncoding('gzip', both)).toBe('gzip');
    expect(acceptedEncoding('GZIP;q=0.5', both)).toBe('gzip');
  });

  it('skips an encoding refused with q=0 and reads * as any other', () => {
    expect(acceptedEncoding('br;q=0, gzip', both)).toBe('gzip');
    expect(acceptedEncoding('*', both)).toBe('br');
    expect(acceptedEncoding('br;q=0, *', both)).toBe('gzip');
    expect(acceptedEncoding('*;q=0', both)).toBeUndefined();
  });

  it('sends the bytes themselves without a usable encoding', () => {
    expect(acceptedEncoding(undefined, both)).toBeUndefined();
    expect(acceptedEncoding('identity', both)).toBeUndefined();
    expect(acceptedEncoding('deflate', both)).toBeUndefined();
    expect(acceptedEncoding('br', [])).toBeUndefined();
    expect(acceptedEncoding('br', ['gzip'])).toBeUndefined();
  });
});
