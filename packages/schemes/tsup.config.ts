import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// Two entry points: the universal package, and `@init/schemes/node` (file streams, worker threads), built for
// Node. The node entry imports the main entry by its package name, so it is never bundled twice.
export default defineConfig([
  { ...packageBuild, entry: ['src/index.ts'] },
  {
    ...packageBuild,
    entry: ['src/node.ts'],
    platform: 'node',
    clean: false,
    external: ['@init/schemes', '@init/rng', '@init/rng/node', '@init/linalg'],
  },
]);
