import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { sharedTest, sourceAliases } from '../../vitest.shared.ts';

// The shared aliases map '@init/nn' by prefix, which would turn '@init/nn/node' into '.../index.ts/node':
// match each package name exactly, and the node subpath explicitly.
const nnNode = fileURLToPath(new URL('../../packages/nn/src/node.ts', import.meta.url));
const alias = [
  { find: /^@init\/nn\/node$/, replacement: nnNode },
  ...Object.entries(sourceAliases).map(([name, path]) => ({
    find: new RegExp(`^${name.replace('/', '\\/')}$`),
    replacement: path,
  })),
];

export default defineProject({
  resolve: { alias },
  test: { name: '@init/experiments-app', ...sharedTest },
});
