import type { ContentEncoding } from './web-app.files';

/**
 * The encoding to send, of those a file is kept in, as `Accept-Encoding` allows:
 * brotli before gzip, an encoding refused with `q=0` skipped, `*` standing for any
 * encoding not named. `undefined` means the file's own bytes.
 *
 * @example
 * acceptedEncoding('gzip, deflate, br', ['br', 'gzip']); // 'br'
 * acceptedEncoding('br;q=0, gzip', ['br', 'gzip']); // 'gzip'
 */
export function acceptedEncoding(
  acceptEncoding: string | undefined,
  available: readonly ContentEncoding[],
): ContentEncoding | undefined {
  if (acceptEncoding === undefined || available.length === 0) return undefined;
  const weights = new Map<string, number>();
  for (const entry of acceptEncoding.split(',')) {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name !== '') weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  for (const encoding of ['br', 'gzip'] as const) {
    if (!available.includes(encoding)) continue;
    if ((weights.get(encoding) ?? weights.get('*') ?? 0) > 0) return encoding;
  }
  return undefined;
}
