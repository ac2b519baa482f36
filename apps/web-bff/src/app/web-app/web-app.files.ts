import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The encodings a file is kept in besides its own bytes, best first. */
export type ContentEncoding = 'br' | 'gzip';

/** One form of a file as it goes on the wire. */
export interface WebAppVariant {
  body: Buffer;
  /** Strong validator: a hash of these very bytes, quoted, so each encoding has its own. */
  etag: string;
}

/** One file of the built app, ready to send: bodies and headers are fixed at start-up. */
export interface WebAppFile {
  contentType: string;
  identity: WebAppVariant;
  /** Compressed forms, for text types, when they are smaller. */
  encoded: Partial<Record<ContentEncoding, WebAppVariant>>;
}

/** The app's document and its hashed assets, keyed by the path under `assets/`. */
export interface WebAppFiles {
  index: WebAppFile;
  assets: ReadonlyMap<string, WebAppFile>;
}

/** Below this a compressed body saves less than a TCP segment (the platform's threshold too). */
const COMPRESSION_THRESHOLD_BYTES = 1_024;

/**
 * Reads the built app into memory: `index.html` and every file under `assets/`, each
 * also compressed once with brotli and gzip at their best levels. A Vite build is a
 * few hundred kilobytes, so holding it costs less than a file system read per request,
 * a request never pays for compressing a bundle (brotli on a 200 KB script takes the
 * event loop for milliseconds, which API calls would wait behind), and a request can
 * only ever name a file that was loaded (no path from a URL reaches the disk).
 *
 * @example
 * const files = loadWebAppFiles('dist/apps/web');
 * files.assets.get('index-3f2a1b.js')?.contentType; // 'text/javascript; charset=utf-8'
 */
export function loadWebAppFiles(dir: string): WebAppFiles {
  const assetsDir = join(dir, 'assets');
  const assets = new Map<string, WebAppFile>();
  for (const path of filesUnder(assetsDir)) {
    assets.set(relative(assetsDir, path).split(sep).join('/'), fileAt(path));
  }
  return { index: fileAt(join(dir, 'index.html')), assets };
}

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    // A build with no assets (no script, no style) is still an app.
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

function fileAt(path: string): WebAppFile {
  const body = readFileSync(path);
  const contentType = contentTypeOf(path);
  const encoded: WebAppFile['encoded'] = {};
  if (COMPRESSIBLE.test(contentType) && body.length >= COMPRESSION_THRESHOLD_BYTES) {
    const br = brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    const gzip = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
    if (br.length < body.length) encoded.br = variantOf(br);
    if (gzip.length < body.length) encoded.gzip = variantOf(gzip);
  }
  return { contentType, identity: variantOf(body), encoded };
}

function variantOf(body: Buffer): WebAppVariant {
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** Text, scripts, styles, JSON and SVG shrink; images, fonts and WebAssembly are compressed already or gain little. */
const COMPRESSIBLE = /^(?:text\/|application\/json|image\/svg\+xml)/;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The type a browser needs to run or render the file; `nosniff` forbids it to guess. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}
