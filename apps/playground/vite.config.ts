import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { sourceAliases } from '../../vitest.shared.ts';
import { precacheServiceWorker } from './src/build/precache-plugin.ts';

// `base: './'`: every URL in the built site is relative, so dist/ works at any path (the docs mount it at
// /playground/). All state lives in the URL hash, so no server routing is needed either.
export default defineConfig({
  base: './',
  plugins: [vue(), precacheServiceWorker()],
  // The workspace packages are bundled from their TypeScript sources (as the tests read them), so the
  // site never depends on a stale or half-written package build.
  resolve: { alias: sourceAliases },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
