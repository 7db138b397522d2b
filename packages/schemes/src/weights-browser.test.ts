import { describe, expect, it } from 'vitest';
import { chromiumAvailable as available, runInChromium } from '../../../browser-harness.ts';
import { CHROMIUM } from '../../../vitest.shared.ts';
import { weightsFileHashes } from '../test/weights-browser-cases';

describe('weights files in the browser', () => {
  it('is not silently skipped in CI', () => {
    if (process.env.CI) expect(available, `${CHROMIUM} is required in CI`).toBe(true);
  });

  it.skipIf(!available)(
    'Chromium writes and reads the same bytes as Node (chunked tensors, bf16, f16, npy)',
    async () => {
      const inBrowser = await runInChromium(
        new URL('../test/weights-browser-entry.ts', import.meta.url),
        'weightsFileHashes',
      );
      const inNode = weightsFileHashes();
      expect(Object.keys(inNode).length).toBe(5);
      expect(inBrowser).toEqual(inNode);
    },
  );
});
