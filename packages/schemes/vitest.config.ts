import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { sharedTest, sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: {
    // Subpath entries first: '@init/rng' would otherwise also match '@init/rng/node'.
    alias: {
      '@init/rng/node': fileURLToPath(new URL('../rng/src/node.ts', import.meta.url)),
      '@init/schemes/node': fileURLToPath(new URL('./src/node.ts', import.meta.url)),
      ...sourceAliases,
    },
  },
  test: { name: '@init/schemes', ...sharedTest },
});
