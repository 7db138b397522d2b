import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { precacheServiceWorker } from './src/build/precache-plugin.ts';

// `base: './'`: every URL in the built site is relative, so dist/ works at any path (the docs mount it at
// /playground/). All state lives in the URL hash, so no server routing is needed either.
export default defineConfig({
  base: './',
  plugins: [vue(), precacheServiceWorker()],
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
