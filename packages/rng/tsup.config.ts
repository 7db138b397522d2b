import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// Two entry points in one build: the universal package, and `@init/rng/node` (worker threads). With code
// splitting, the code both use (errors, generators, fills) sits in a shared chunk that each entry imports, so
// `@init/rng/node` runs the very module instances of `@init/rng`: one RngError class, one fill backend setting.
export default defineConfig({
  ...packageBuild,
  entry: ['src/index.ts', 'src/node.ts'],
  splitting: true,
  external: ['node:os', 'node:worker_threads'],
});
