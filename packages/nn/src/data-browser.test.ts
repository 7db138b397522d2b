import { describe, expect, it } from 'vitest';
import { chromiumAvailable as available, runInChromium } from '../../../browser-harness.ts';
import { CHROMIUM } from '../../../vitest.shared.ts';
import { dataFingerprint } from './data-fingerprint';

describe('data generators give the same bits in Node and in Chromium', () => {
  it('is not silently skipped in CI', () => {
    if (process.env.CI) expect(available, `${CHROMIUM} is required in CI`).toBe(true);
  });

  it('the fingerprint covers every generator and changes with the data', () => {
    const a = dataFingerprint();
    expect(Object.keys(a)).toHaveLength(10);
    expect(new Set(Object.values(a)).size).toBe(10);
    expect(dataFingerprint()).toEqual(a);
  });

  it.skipIf(!available)('Chromium computes the same data sets as Node', async () => {
    const inBrowser = await runInChromium(
      new URL('../test/data-browser-entry.ts', import.meta.url),
      'nnDataFingerprint',
    );
    expect(inBrowser).toEqual(dataFingerprint());
  });
});
