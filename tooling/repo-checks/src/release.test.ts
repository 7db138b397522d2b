import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { members, ROOT, read } from './workspace';

/** The package names a changeset's front matter bumps. */
export function bumpedPackages(changeset: string): string[] {
  const front = /^---\n([\s\S]*?)\n---/.exec(changeset)?.[1] ?? '';
  return [...front.matchAll(/^\s*["']?(@init\/[a-z-]+)["']?\s*:/gm)].map((m) => m[1] as string);
}

describe('releases', () => {
  const config = JSON.parse(read('.changeset/config.json')) as {
    privatePackages?: { version?: boolean; tag?: boolean };
  };

  it('gives private packages no versions and no tags', () => {
    expect(config.privatePackages).toEqual({ version: false, tag: false });
  });

  it('reads the packages a changeset bumps', () => {
    expect(bumpedPackages('---\n"@init/rng": minor\n\'@init/nn\': patch\n---\n\ntext')).toEqual([
      '@init/rng',
      '@init/nn',
    ]);
  });

  it('has no changeset for a private package or an unknown name', () => {
    const publishable = new Set(
      members()
        .filter((m) => m.manifest.private !== true)
        .map((m) => m.manifest.name),
    );
    const offenders: string[] = [];
    for (const file of readdirSync(join(ROOT, '.changeset')).filter(
      (f) => f.endsWith('.md') && f !== 'README.md',
    )) {
      for (const name of bumpedPackages(read(`.changeset/${file}`))) {
        if (!publishable.has(name)) offenders.push(`${file}: ${name}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
