import vue from '@vitejs/plugin-vue';
import { defineProject } from 'vitest/config';
import { sharedTest, sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  plugins: [vue()],
  resolve: { alias: sourceAliases },
  test: {
    name: '@init/playground-app',
    ...sharedTest,
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
  },
});
