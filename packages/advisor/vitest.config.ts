import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { sharedTest, sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: {
    // Subpath entries first: '@init/schemes' would otherwise also match '@init/schemes/node'.
    alias: {
      '@init/rng/node': fileURLToPath(new URL('../rng/src/node.ts', import.meta.url)),
      '@init/schemes/node': fileURLToPath(new URL('../schemes/src/node.ts', import.meta.url)),
      '@init/advisor/node': fileURLToPath(new URL('./src/node.ts', import.meta.url)),
      ...sourceAliases,
    },
  },
  test: { name: '@init/advisor', ...sharedTest },
});
