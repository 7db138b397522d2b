import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, sourceAliases } from '../../../vitest.shared.ts';
import { trainingFingerprint } from '../test/training-run';

const available = existsSync(CHROMIUM);

describe('bit-reproducible training in Node and in Chromium', () => {
  it('is not silently skipped in CI', () => {
    if (process.env.CI) expect(available, `${CHROMIUM} is required in CI`).toBe(true);
  });

  it('the same seeds give the same losses and weights twice in one process', () => {
    expect(trainingFingerprint()).toEqual(trainingFingerprint());
  });

  it.skipIf(!available)('Chromium computes the same losses and final weights as Node', async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('../test/browser-entry.ts', import.meta.url))],
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
        (globalThis as unknown as { nnReproducibility: () => unknown }).nnReproducibility(),
      );
      const inNode = trainingFingerprint();
      expect(inNode.backend).toBe('wasm');
      expect(inBrowser).toEqual(inNode);
    } finally {
      await browser.close();
    }
  });
});
