import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// Two entry points in one build: the universal package, and `@init/rng/node` (worker threads). With code
// splitting, the code both use (errors, generators, fills) sits in a shared chunk that each entry imports, so
// `@init/rng/node` runs the very module instances of `@init/rng`: one RngError class, one fill backend setting.
// The third entry is internal (not in `exports`): it keeps the one module that imports the CommonJS package
// `seedrandom` in a file of its own, so a bundler drops that file, and seedrandom with it, when nothing uses
// a seedrandom algorithm (inside one file it would have to keep the import, seedrandom having side effects).
export default defineConfig({
  ...packageBuild,
  entry: ['src/index.ts', 'src/node.ts', 'src/seedrandom-prng.ts'],
  splitting: true,
  external: ['node:os', 'node:worker_threads'],
});
