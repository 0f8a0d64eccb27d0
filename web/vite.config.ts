import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // The config lives in web/ but npm scripts run from the repository root: pin the root here.
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Measured against the 200 kB gzip first-load budget in CI output; warn early on big chunks.
    chunkSizeWarningLimit: 300,
  },
  server: {
    // The API server runs separately during development (npm run dev starts both).
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
