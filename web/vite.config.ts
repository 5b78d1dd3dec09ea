import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// The web app of Maintien. `npx vite build --config web/vite.config.ts` writes web/dist,
// which the server serves (with SPA fallback) at http://localhost:3000.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // The API contract (src/contract) is the only server code the web imports.
  resolve: { alias: { '@contract': fileURLToPath(new URL('../src/contract/index.ts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // One bundle (~1.6 MB minified, ~60 KB of it the contract and TypeBox); code-splitting is for later.
    chunkSizeWarningLimit: 1800,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
