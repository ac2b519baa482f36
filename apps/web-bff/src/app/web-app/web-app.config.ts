import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * `WEB_APP_DIR`: the built browser app (`dist/apps/web`), served by the gateway at
 * `/` and `/assets/*` so the app and its API share one origin and the session cookie
 * needs no CORS. Unset, the gateway serves the API only. Checked at start-up: a
 * directory without `index.html` is a deployment mistake, not a page to 404 later.
 *
 * @example
 * const schema = z.object({ ...listenConfigShape(3000), ...webAppConfigShape() });
 */
export function webAppConfigShape() {
  return {
    WEB_APP_DIR: z
      .string()
      .min(1)
      .optional()
      .refine((dir) => dir === undefined || holdsIndexHtml(dir), {
        message: 'must be a directory holding index.html (the built web app, e.g. dist/apps/web)',
      }),
  };
}

function holdsIndexHtml(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && existsSync(join(dir, 'index.html')) && statSync(join(dir, 'index.html')).isFile();
  } catch {
    return false;
  }
}
