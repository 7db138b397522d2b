import { defineConfig } from 'vitest/config';

// Watch mode across the whole workspace: `pnpm test:watch`.
// CI and `pnpm test` run each package's own `test` script through turbo.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
