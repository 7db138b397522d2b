import { describe, expect, it } from 'vitest';
import { ALLOWED_DEPENDENCIES, filesUnder, LAYERS, read } from './workspace';

const importPattern = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](@init\/[^'"]+)['"]/g;

/** `@init/<name>` specifiers imported by a source file (type-only imports included). */
function initImports(source: string): string[] {
  return [...source.matchAll(importPattern)].map((m) => m[1] as string);
}

describe('layering', () => {
  it('finds imports, so the checks below can fail', () => {
    expect(initImports("import { a } from '@init/rng';\nconst b = await import('@init/linalg/x');")).toEqual([
      '@init/rng',
      '@init/linalg/x',
    ]);
  });

  for (const pkg of LAYERS) {
    it(`@init/${pkg} imports only from the layers below it, through public entries`, () => {
      const offenders: string[] = [];
      for (const file of filesUnder(
        `packages/${pkg}/src`,
        (n) => n.endsWith('.ts') && !n.endsWith('.test.ts'),
      )) {
        for (const spec of initImports(read(file))) {
          const [, name, ...subpath] = spec.split('/');
          const self = name === pkg;
          const allowed = self || ALLOWED_DEPENDENCIES[pkg].includes(name as string);
          const publicEntry = subpath.length === 0 || (subpath.length === 1 && subpath[0] === 'node');
          if (!allowed || !publicEntry) offenders.push(`${file}: ${spec}`);
        }
      }
      expect(offenders).toEqual([]);
    });

    it(`@init/${pkg} declares every @init package it imports`, () => {
      const manifest = JSON.parse(read(`packages/${pkg}/package.json`)) as {
        dependencies?: Record<string, string>;
      };
      const declared = Object.keys(manifest.dependencies ?? {});
      const used = new Set<string>();
      for (const file of filesUnder(
        `packages/${pkg}/src`,
        (n) => n.endsWith('.ts') && !n.endsWith('.test.ts'),
      )) {
        for (const spec of initImports(read(file))) {
          const base = spec.split('/').slice(0, 2).join('/');
          if (base !== `@init/${pkg}`) used.add(base);
        }
      }
      expect([...used].filter((d) => !declared.includes(d))).toEqual([]);
    });
  }
});
