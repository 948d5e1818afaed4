import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

const consoleDir = path.dirname(fileURLToPath(import.meta.url));

/** Where `npm run dev` runs the API server that the dev server forwards requests to. */
const apiUrl = process.env.ROSTER_DEV_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: consoleDir,
  base: '/admin/',
  build: {
    outDir: path.resolve(consoleDir, '../dist/console'),
    emptyOutDir: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // React Query marks its modules "use client" for server rendering, which a
        // single-page bundle has no use for.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') {
          return;
        }
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/graphql': apiUrl,
      '/sso': apiUrl,
      '/scim': apiUrl,
      '/exports': apiUrl,
    },
  },
});
