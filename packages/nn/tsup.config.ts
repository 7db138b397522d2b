import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// Two entry points: the universal package, and `@init/nn/node` (MNIST files, terminal progress), built for
// Node. The node entry imports the main entry as the external package `@init/nn`, never a bundled copy.
export default defineConfig([
  { ...packageBuild, entry: ['src/index.ts'] },
  {
    ...packageBuild,
    entry: ['src/node.ts'],
    platform: 'node',
    clean: false,
    external: ['@init/nn'],
    // Declarations read the main entry's types from source, so they never wait for dist/index.d.ts.
    dts: { compilerOptions: { paths: { '@init/nn': ['./src/index.ts'] } } },
  },
]);
