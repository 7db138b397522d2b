import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

/**
 * Tests resolve `@init/<name>` to the package's source, so a test never runs
 * against a stale build. Builds and type checks still go through `dist`.
 */
export const sourceAliases: Record<string, string> = Object.fromEntries(
  readdirSync(packagesDir).map((name) => [`@init/${name}`, `${packagesDir}${name}/src/index.ts`]),
);

/** Options every package's vitest project shares. */
export const sharedTest = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  reporters: ['default', 'json'],
  outputFile: { json: 'test-results.json' },
  testTimeout: 60_000,
};
