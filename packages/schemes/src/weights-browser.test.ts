import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, sourceAliases } from '../../../vitest.shared.ts';
import { weightsFileHashes } from '../test/weights-browser-cases';

const available = existsSync(CHROMIUM);

describe('weights files in the browser', () => {
  it('is not silently skipped in CI', () => {
    if (process.env.CI) expect(available, `${CHROMIUM} is required in CI`).toBe(true);
  });

  it.skipIf(!available)(
    'Chromium writes and reads the same bytes as Node (chunked tensors, bf16, f16, npy)',
    async () => {
      const bundle = await build({
        entryPoints: [fileURLToPath(new URL('../test/weights-browser-entry.ts', import.meta.url))],
        bundle: true,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        write: false,
        logLevel: 'silent',
        alias: sourceAliases,
      });
      const code = (bundle.outputFiles[0] as { text: string }).text;
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      try {
        const page = await browser.newPage();
        await page.addScriptTag({ content: code });
        const inBrowser = await page.evaluate(() =>
          (globalThis as unknown as { weightsFileHashes: () => unknown }).weightsFileHashes(),
        );
        const inNode = weightsFileHashes();
        expect(Object.keys(inNode).length).toBe(5);
        expect(inBrowser).toEqual(inNode);
      } finally {
        await browser.close();
      }
    },
  );
});
