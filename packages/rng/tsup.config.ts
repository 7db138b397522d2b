import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// Two entry points: the universal package, and `@init/rng/node` (worker threads), built for Node.
export default defineConfig([
  { ...packageBuild, entry: ['src/index.ts'] },
  { ...packageBuild, entry: ['src/node.ts'], platform: 'node', clean: false },
]);
