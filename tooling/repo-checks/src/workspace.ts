import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The published packages, lowest layer first: a package may import only from those before it. */
export const LAYERS = ['rng', 'linalg', 'schemes', 'advisor', 'nn'] as const;

/** What each package may import, from design.md's layer table. */
export const ALLOWED_DEPENDENCIES: Record<(typeof LAYERS)[number], readonly string[]> = {
  rng: [],
  linalg: [],
  schemes: ['rng', 'linalg'],
  advisor: ['rng', 'linalg', 'schemes'],
  nn: ['rng', 'linalg', 'schemes', 'advisor'],
};

/** A workspace member: its folder relative to the root and its parsed package.json. */
export interface Member {
  dir: string;
  manifest: Record<string, unknown> & { name: string; private?: boolean; scripts?: Record<string, string> };
}

/** Every workspace member under packages/, apps/ and tooling/. */
export function members(): Member[] {
  const out: Member[] = [];
  for (const group of ['packages', 'apps', 'tooling']) {
    const base = join(ROOT, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const file = join(base, name, 'package.json');
      if (!existsSync(file)) continue;
      out.push({ dir: `${group}/${name}`, manifest: JSON.parse(readFileSync(file, 'utf8')) });
    }
  }
  return out;
}

/** Reads a file relative to the root. */
export function read(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** Every file below `dir` (relative to the root) whose name passes `keep`, as root-relative paths. */
export function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const name of readdirSync(abs)) {
      if (name === 'node_modules' || name === 'dist' || name === 'generated') continue;
      const path = join(abs, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (keep(name)) out.push(relative(ROOT, path));
    }
  };
  const start = join(ROOT, dir);
  if (existsSync(start)) walk(start);
  return out;
}
