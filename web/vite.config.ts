import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firstLoadBudget } from './build/first-load-budget.ts';
import { precompress } from './build/precompress.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // The config lives in web/ but npm scripts run from the repository root: pin the root here.
  root: webRoot,
  plugins: [
    react(),
    // The architecture brief's first-load budgets: a learner's phone on a slow line opens these two.
    firstLoadBudget(
      [
        {
          name: 'home page',
          module: 'src/features/home/home-page.tsx',
          // Rendered at once for admins.
          alsoLoads: ['src/features/conversations/provider-notice.tsx'],
          limitKb: 100,
        },
        {
          name: 'conversation screen',
          module: 'src/features/conversations/conversations-page.tsx',
          limitKb: 120,
        },
      ],
      webRoot,
    ),
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The first-load budget plugin is the real limit; this only flags one unusually large chunk.
    chunkSizeWarningLimit: 300,
    // Every supported browser has modulepreload; the polyfill would cost every first load.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React, React DOM and the router load on every page: as one file they compress better than
          // as the three chunks the default split made (measured with the polyfill off: −1.4 kB gzip).
          groups: [
            { name: 'framework', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // The API server runs separately during development (npm run dev starts both).
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
