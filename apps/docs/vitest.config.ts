import { defineProject } from 'vitest/config';
import { sharedTest, sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: sourceAliases },
  test: {
    name: '@init/docs-app',
    ...sharedTest,
    include: [...sharedTest.include, 'examples/**/*.test.ts'],
  },
});
