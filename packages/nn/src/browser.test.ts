import { describe, expect, it } from 'vitest';
import { chromiumAvailable as available, runInChromium } from '../../../browser-harness.ts';
import { CHROMIUM } from '../../../vitest.shared.ts';
import { trainingFingerprint } from '../test/training-run';

describe('bit-reproducible training in Node and in Chromium', () => {
  it('is not silently skipped in CI', () => {
    if (process.env.CI) expect(available, `${CHROMIUM} is required in CI`).toBe(true);
  });

  it('the same seeds give the same losses and weights twice in one process', () => {
    expect(trainingFingerprint()).toEqual(trainingFingerprint());
  });

  it.skipIf(!available)('Chromium computes the same losses and final weights as Node', async () => {
    const inBrowser = await runInChromium(
      new URL('../test/browser-entry.ts', import.meta.url),
      'nnReproducibility',
    );
    const inNode = trainingFingerprint();
    expect(inNode.backend).toBe('wasm');
    expect(inBrowser).toEqual(inNode);
  });
});
