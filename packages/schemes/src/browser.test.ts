import { describe, expect, it } from 'vitest';
import { chromiumAvailable as available, runInChromium } from '../../../browser-harness.ts';
import { CHROMIUM } from '../../../vitest.shared.ts';
import { reproducibilityHashes } from '../test/reproducibility-cases';

describe('browser reproducibility', () => {
  it('is not silently skipped in CI', () => {
    if (process.env.CI) expect(available, `${CHROMIUM} is required in CI`).toBe(true);
  });

  it.skipIf(!available)(
    'Chromium computes the same bits as Node for every scheme, dtype and GEMM backend',
    async () => {
      const inBrowser = await runInChromium(
        new URL('../test/browser-entry.ts', import.meta.url),
        'schemesReproducibility',
      );
      const inNode = reproducibilityHashes();
      expect(inNode.backend).toBe('wasm');
      expect(Object.keys(inNode.hashes).length).toBe(27 * 2 * 2);
      expect(inBrowser).toEqual(inNode);
    },
  );
});
