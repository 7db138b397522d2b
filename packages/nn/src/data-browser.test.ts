import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, sourceAliases } from '../../../vitest.shared.ts';
import { dataFingerprint } from './data-fingerprint';

const available = existsSync(CHROMIUM);

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
    const bundle = await build({
      stdin: {
        contents:
          "import { dataFingerprint } from './data-fingerprint'; (globalThis as any).nnDataFingerprint = dataFingerprint;",
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      alias: sourceAliases,
    });
    const code = bundle.outputFiles[0]?.text ?? '';
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.addScriptTag({ content: code });
      const inBrowser = await page.evaluate(() =>
        (globalThis as unknown as { nnDataFingerprint: () => unknown }).nnDataFingerprint(),
      );
      expect(inBrowser).toEqual(dataFingerprint());
    } finally {
      await browser.close();
    }
  });
});
