import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A published package of the monorepo, as the docs site presents it. */
export interface DocsPackage {
  /** Directory name under `packages/` (`rng`). */
  readonly dir: string;
  /** npm name (`@init/rng`). */
  readonly name: string;
  /** One line on what it holds, for the getting-started table. */
  readonly summary: string;
}

/** The repository root, seen from this file. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The docs app root (where `.vitepress/` lives). */
export const docsRoot = fileURLToPath(new URL('../', import.meta.url));

/** Every published package, in layer order (each imports only from those before it). */
export const PACKAGES: readonly DocsPackage[] = [
  { dir: 'rng', name: '@init/rng', summary: 'seeded, reproducible random streams and distributions' },
  { dir: 'linalg', name: '@init/linalg', summary: 'dense matrices, GEMM, QR, SVD, eigensolvers, checks' },
  {
    dir: 'schemes',
    name: '@init/schemes',
    summary: 'every initializer, fans, gains, registry, weights files',
  },
  {
    dir: 'advisor',
    name: '@init/advisor',
    summary: 'recommendations, numeric gains, mean field, checkpoints, CLI',
  },
  { dir: 'nn', name: '@init/nn', summary: 'a small training library with per-layer statistics' },
];

/** The public entry files of a package: `src/index.ts`, and `src/node.ts` where it exists. */
export function entryPoints(pkg: DocsPackage): string[] {
  const base = `${repoRoot}packages/${pkg.dir}/src/`;
  return ['index.ts', 'node.ts'].map((file) => base + file).filter((file) => existsSync(file));
}
