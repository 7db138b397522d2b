import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Every module specifier of a TypeScript source file (static imports, re-exports, dynamic imports). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const patterns = [
    /\bfrom\s+'([^']+)'/g,
    /\bimport\s+'([^']+)'/g,
    /\bimport\(\s*'([^']+)'\s*\)/g,
    /\brequire\(\s*'([^']+)'\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1] as string);
  return found;
}

/** The source files reachable from `entry` through relative imports, and the bare specifiers they import. */
function importGraph(entry: string): { files: Set<string>; bare: Map<string, string> } {
  const files = new Set<string>();
  const bare = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of specifiers(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        queue.push(target.endsWith('.ts') ? target : `${target}.ts`);
      } else {
        bare.set(spec, file);
      }
    }
  }
  return { files, bare };
}

describe('the main entry runs in browsers and workers', () => {
  const { files, bare } = importGraph(join(SRC, 'index.ts'));

  it('imports no Node builtin, directly or through any module it reaches', () => {
    const builtins = new Set(builtinModules);
    const offenders = [...bare].filter(
      ([spec]) => spec.startsWith('node:') || builtins.has(spec.split('/')[0] as string),
    );
    expect(offenders).toEqual([]);
  });

  it('imports only the @init packages below it (no terminal or file-system library)', () => {
    const allowed = new Set(['@init/rng', '@init/linalg', '@init/schemes', '@init/advisor']);
    expect([...bare.keys()].filter((spec) => !allowed.has(spec))).toEqual([]);
  });

  it('reaches the data modules but never the Node-only ones', () => {
    const names = [...files].map((f) => f.slice(SRC.length + 1));
    expect(names).toContain('mnist-idx.ts');
    expect(names).not.toContain('node.ts');
    expect(names.filter((n) => n.endsWith('.test.ts'))).toEqual([]);
  });

  it('can see a Node import when there is one (the check is not vacuous)', () => {
    expect(specifiers(fileURLToPath(import.meta.url))).toContain('node:fs');
  });
});

describe('the node entry', () => {
  it('imports the main entry as @init/nn and shares none of its modules (no second copy of NnError)', () => {
    const main = importGraph(join(SRC, 'index.ts'));
    const node = importGraph(join(SRC, 'node.ts'));
    expect(node.bare.has('@init/nn')).toBe(true);
    expect([...node.files].filter((f) => main.files.has(f))).toEqual([]);
  });
});
