import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../vitest.shared.ts';

// The wasm GEMM must compile synchronously on a browser's main thread (no fs, no fetch) and agree
// with the TypeScript back end there. Runs in Debian's Chromium when it is installed.
const available = existsSync(CHROMIUM);
const entry = fileURLToPath(new URL('./index.ts', import.meta.url));

const page = `
import { gemm, gemmBackend, matrix, setGemmBackend } from ${JSON.stringify(entry)};
const n = 200;
const a = matrix(n, n, { dtype: 'float32' });
const b = matrix(n, n, { dtype: 'float32' });
let s = 7;
for (const m of [a, b]) {
  for (let i = 0; i < m.data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    m.data[i] = s / 2 ** 32 - 0.5;
  }
}
const out = { backend: gemmBackend(), maxDiff: 0, maxAbs: 0 };
const c = {};
for (const be of ['wasm', 'js']) {
  setGemmBackend(be);
  c[be] = matrix(n, n, { dtype: 'float32' });
  gemm(1, a, b, 0, c[be], { transB: true });
}
for (let i = 0; i < n * n; i++) {
  out.maxDiff = Math.max(out.maxDiff, Math.abs(c.wasm.data[i] - c.js.data[i]));
  out.maxAbs = Math.max(out.maxAbs, Math.abs(c.js.data[i]));
}
globalThis.gemmResult = out;
`;

describe('gemm in a browser', () => {
  it('is not silently skipped in CI', () => {
    if (process.env.CI) expect(available, `${CHROMIUM} is required in CI`).toBe(true);
  });

  it.skipIf(!available)('runs the wasm kernel on the main thread of Chromium', async () => {
    const bundle = await build({
      stdin: { contents: page, loader: 'js', resolveDir: process.cwd() },
      bundle: true,
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    try {
      const tab = await browser.newPage();
      await tab.goto('about:blank');
      await tab.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
      const result = (await tab.evaluate('globalThis.gemmResult')) as {
        backend: string;
        maxDiff: number;
        maxAbs: number;
      };
      expect(result.backend).toBe('wasm');
      expect(result.maxAbs).toBeGreaterThan(0);
      // Both back ends perform the same float32 operations in the same order.
      expect(result.maxDiff).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
