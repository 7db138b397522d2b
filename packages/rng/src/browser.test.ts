import { describe, expect, it } from 'vitest';
import { chromiumAvailable as available, runInChromium } from '../../../browser-harness.ts';
import { CHROMIUM } from '../../../vitest.shared.ts';
import { reproducibilityHashes } from '../test/reproducibility-cases';

describe('browser reproducibility', () => {
  it('is not silently skipped in CI', () => {
    if (process.env.CI) expect(available, `${CHROMIUM} is required in CI`).toBe(true);
  });

  it.skipIf(!available)(
    'Chromium computes the same fills as Node (WebAssembly and TypeScript paths, every algorithm)',
    async () => {
      const inBrowser = await runInChromium(
        new URL('../test/browser-entry.ts', import.meta.url),
        'rngReproducibility',
      );
      const inNode = reproducibilityHashes();
      expect(inBrowser).toEqual(inNode);
      expect(inNode.backend).toBe('wasm');
      expect(Object.keys(inNode.hashes).length).toBeGreaterThan(90);
    },
  );
});
