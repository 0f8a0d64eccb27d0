import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compileMessages } from './build/compile-messages.ts';
import { firstLoadBudget } from './build/first-load-budget.ts';
import { precompress } from './build/precompress.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // The config lives in web/ but npm scripts run from the repository root: pin the root here.
  root: webRoot,
  plugins: [
    // The message catalogues ship compiled: no ICU parser in the browser (decision 027).
    compileMessages(fileURLToPath(new URL('../contracts/messages/', import.meta.url))),
    react(),
    // The architecture brief's first-load budgets: a learner's phone on a slow line opens these two.
    firstLoadBudget(
      [
        {
          name: 'home page',
          module: 'src/features/home/home-page.tsx',
          // Rendered at once for admins.
          alsoLoads: ['src/features/conversations/provider-notice.tsx'],
          // The active language's catalogues the page shows at once (counted at their largest language).
          // Not counted, as they load only when they show: the "?" explanations and XP table
          // (progress-help, a lazy chunk opened on demand) and day one's card, the level card without a
          // language and the admin's member view (progress-start, a lazy chunk; an active learner's
          // Home, the heavier first load, never shows them). The reviews forecast takes its words from
          // `progress`, so Home does not load `vocabulary`.
          catalogues: ['common', 'progress'],
          limitKb: 100,
        },
        {
          name: 'conversation screen',
          module: 'src/features/conversations/conversation-screen.tsx',
          // The section's router, which loads the screen at once.
          alsoLoads: ['src/features/conversations/conversations-page.tsx'],
          // The chat and the feedback under messages. Not counted, as they load only when they show: a
          // role-play's aside (tutor-session) and the notice when no provider can answer (provider-notice).
          catalogues: ['common', 'conversations', 'tutor', 'speech'],
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
            // The app's own modules that every page uses (the API client, the message runtime, the
            // shell's components): one file rather than a handful of small ones that compress worse.
            {
              name: 'app',
              test: /web[\\/]src[\\/](lib[\\/](api-client|use-api-query|auth-context|languages)|i18n[\\/](i18n|format|message-format|rich-text)|components[\\/](page-states|select-field|table-scroll|progress-bar|icon|info-toggle)|app[\\/]nav-items)\.tsx?$|contracts[\\/](language-catalogue|messages[\\/]languages|corrections)\.ts$/,
            },
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
