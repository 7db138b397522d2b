import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, sourceAliases } from './vitest.shared.ts';

/** Whether Debian's Chromium is installed (CI must have it; browser tests fail there without it). */
export const chromiumAvailable = existsSync(CHROMIUM);

/**
 * Bundles `entry` for the browser (with `@init/<name>` resolved to source, as the Node tests do),
 * loads it into a fresh headless Chromium page, and returns what the global function `globalName`
 * that the entry defines returns there. Node and browser results are then compared by the caller.
 */
export async function runInChromium(entry: URL, globalName: string): Promise<unknown> {
  const bundle = await build({
    entryPoints: [fileURLToPath(entry)],
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
    return await page.evaluate(
      (name) => (globalThis as unknown as Record<string, () => unknown>)[name]?.(),
      globalName,
    );
  } finally {
    await browser.close();
  }
}
