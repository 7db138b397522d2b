import { describe, expect, it } from 'vitest';
import { members, read } from './workspace';

const published = members().filter((m) => m.manifest.private !== true);

/** The package names of every `@init/...` import in a README's code blocks. */
export function importedPackages(markdown: string): string[] {
  const names = new Set<string>();
  for (const block of markdown.matchAll(/```(?:ts|js|typescript|javascript)\n([\s\S]*?)```/g)) {
    for (const m of (block[1] as string).matchAll(/from\s+['"](@init\/[a-z-]+)(?:\/[a-z-]+)?['"]/g)) {
      names.add(m[1] as string);
    }
  }
  return [...names].sort();
}

/** The packages named on the README's `npm install` lines. */
export function installedPackages(markdown: string): string[] {
  const names = new Set<string>();
  for (const line of markdown.matchAll(/^\s*(?:npm (?:install|i)|pnpm add|yarn add) (.+)$/gm)) {
    for (const word of (line[1] as string).split(/\s+/)) if (word.startsWith('@init/')) names.add(word);
  }
  return [...names].sort();
}

describe('READMEs as npm shows them', () => {
  it('reads imports and install lines', () => {
    const md =
      "```sh\nnpm install @init/schemes @init/rng\n```\n```ts\nimport { a } from '@init/schemes';\nimport { b } from '@init/rng/node';\n```";
    expect(importedPackages(md)).toEqual(['@init/rng', '@init/schemes']);
    expect(installedPackages(md)).toEqual(['@init/rng', '@init/schemes']);
  });

  for (const { dir, manifest } of published) {
    const readme = read(`${dir}/README.md`);

    it(`${manifest.name}: the install line lists every package its examples import`, () => {
      const installed = installedPackages(readme);
      expect(installed).toContain(manifest.name);
      expect(importedPackages(readme).filter((name) => !installed.includes(name))).toEqual([]);
    });

    it(`${manifest.name}: links are absolute (relative links are dead on npm)`, () => {
      const relative = [...readme.matchAll(/\]\((?!https?:\/\/|#|mailto:)([^)]+)\)/g)].map((m) => m[1]);
      expect(relative).toEqual([]);
    });

    it(`${manifest.name}: no stale status words`, () => {
      expect(readme).not.toMatch(/\bskeleton\b|\b0\.x\b|built once the packages exist/i);
    });
  }

  it('the root README has a "Use it" section with an install line for users', () => {
    const root = read('README.md');
    const section = /^## Use it\n([\s\S]*?)(?=^## )/m.exec(root)?.[1] ?? '';
    expect(installedPackages(section).length).toBeGreaterThan(0);
    expect(root).not.toMatch(/\b0\.x\b/);
  });
});
