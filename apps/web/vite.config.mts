import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The web BFF's API paths: in development the app calls them through Vite, so they stay same-origin. */
const API_PATHS = ['/auth', '/product-details', '/products', '/operations', '/users'];
const WEB_BFF = process.env['WEB_BFF_URL'] ?? 'http://localhost:3000';

/**
 * The browser app. Built into dist/apps/web, which the web BFF serves itself
 * (`WEB_APP_DIR`): `index.html` at `/` and hashed files under `/assets/`. Of the
 * workspace libs the app imports code only from `@bff/web-sdk` (the typed client of the
 * BFF), found through the workspace's TypeScript path aliases; the rest is types.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: { tsconfigPaths: true },
  build: {
    outDir: `${workspaceRoot}dist/apps/web`,
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inline <script> or data: module: the BFF's CSP allows the page its own files only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    port: 4200,
    strictPort: true,
    proxy: Object.fromEntries(API_PATHS.map((path) => [path, { target: WEB_BFF, changeOrigin: false }])),
  },
});
