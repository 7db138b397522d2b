import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// The library entry plus the `init-advisor` bin (src/cli.ts keeps its shebang), and `@init/advisor/node`
// (checkpoints streamed to disk), built for Node; it imports the main entries by name, never a copy.
export default defineConfig([
  // The bin reaches the streaming writer through `@init/advisor/node`, resolved at run time.
  {
    ...packageBuild,
    entry: ['src/index.ts', 'src/cli.ts'],
    external: ['@init/advisor', '@init/advisor/node'],
  },
  {
    ...packageBuild,
    entry: ['src/node.ts'],
    platform: 'node',
    clean: false,
    external: ['@init/advisor', '@init/schemes', '@init/schemes/node', '@init/linalg'],
  },
]);
