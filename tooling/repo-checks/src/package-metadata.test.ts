import { describe, expect, it } from 'vitest';
import { members } from './workspace';

const published = members().filter((m) => m.manifest.private !== true);

describe('package metadata of published packages', () => {
  it('has published packages to check', () => {
    expect(published.length).toBeGreaterThanOrEqual(4);
  });

  for (const { dir, manifest } of published) {
    it(`${manifest.name} has repository (with directory), homepage, bugs, author and license`, () => {
      const repository = manifest.repository as
        | { type?: string; url?: string; directory?: string }
        | undefined;
      expect(repository?.type).toBe('git');
      expect(repository?.url).toMatch(/^git\+https:\/\//);
      expect(repository?.directory).toBe(dir);
      expect(manifest.homepage).toMatch(/^https:\/\//);
      expect((manifest.bugs as { url?: string } | undefined)?.url).toMatch(/^https:\/\//);
      expect(typeof manifest.author).toBe('string');
      expect(manifest.license).toBe('MIT');
      expect(manifest.sideEffects).toBe(false);
    });

    it(`${manifest.name} checks its types under every resolution profile`, () => {
      const lint = manifest.scripts?.lint ?? '';
      expect(lint).toContain('publint --strict');
      expect(lint).toContain('attw --pack');
      expect(lint).not.toContain('--profile');
    });
  }
});
