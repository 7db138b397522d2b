import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

/**
 * Tests resolve `@init/<name>` (and `@init/<name>/node` where the package has that entry) to the
 * package's source, so a test never runs against a stale build. Builds and type checks still go
 * through `dist`. Subpath entries come first: an alias also matches every path below its name, so
 * `@init/nn` alone would turn `@init/nn/node` into `.../index.ts/node`.
 */
export const sourceAliases: Record<string, string> = Object.fromEntries([
  ...readdirSync(packagesDir)
    .filter((name) => existsSync(`${packagesDir}${name}/src/node.ts`))
    .map((name) => [`@init/${name}/node`, `${packagesDir}${name}/src/node.ts`]),
  ...readdirSync(packagesDir).map((name) => [`@init/${name}`, `${packagesDir}${name}/src/index.ts`]),
]);

/** Options every package's vitest project shares. */
export const sharedTest = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  reporters: ['default', 'json'],
  outputFile: { json: 'test-results.json' },
  testTimeout: 60_000,
};

/** Debian's Chromium, which browser tests drive through playwright-core (no browser is downloaded). */
export const CHROMIUM = '/usr/bin/chromium';

/** Launch flags for headless Chromium on a machine with no network but the package registries. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
