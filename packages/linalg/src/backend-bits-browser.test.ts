import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../vitest.shared.ts';
import { workloadOnEveryBackend } from '../test/backend-workload';

// The same bits in Node and in Chromium, on the WebAssembly kernel and on the TypeScript one, and
// on a page whose Content-Security-Policy forbids compiling WebAssembly (the library then falls
// back to TypeScript by itself). Runs in Debian's Chromium when it is installed.
const available = existsSync(CHROMIUM);
const workload = fileURLToPath(new URL('../test/backend-workload.ts', import.meta.url));

async function bundle(): Promise<string> {
  const out = await build({
    stdin: {
      contents: `import { workloadOnEveryBackend } from ${JSON.stringify(workload)};
try { globalThis.hashes = workloadOnEveryBackend(); } catch (e) { globalThis.hashes = { error: String(e) }; }`,
      loader: 'js',
      resolveDir: process.cwd(),
    },
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

type Hashes = Record<string, Record<string, string>>;

async function inChromium(script: string, csp: string | undefined): Promise<Hashes> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const tab = await browser.newPage();
    const html = `<!doctype html><html><head><meta charset="utf-8"></head><body><script>${script.replace(/<\/script/g, '<\\/script')}</script></body></html>`;
    await tab.route('http://init.test/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: html,
        headers: csp === undefined ? {} : { 'Content-Security-Policy': csp },
      }),
    );
    await tab.goto('http://init.test/');
    return (await tab.evaluate('globalThis.hashes')) as Hashes;
  } finally {
    await browser.close();
  }
}

describe('the same bits in Node and Chromium, on both back ends', () => {
  it('is not silently skipped in CI', () => {
    if (process.env.CI) expect(available, `${CHROMIUM} is required in CI`).toBe(true);
  });

  const node = workloadOnEveryBackend();

  it('Node: the wasm and js back ends agree bit for bit', () => {
    expect(node.default?.backend).toBe('wasm');
    expect(node.js).toEqual(node.wasm);
    expect(Object.keys(node.wasm ?? {}).length).toBe(23);
  });

  it.skipIf(!available)('Chromium: both back ends give the hashes Node gives', async () => {
    const page = await inChromium(await bundle(), undefined);
    expect(page.default?.backend).toBe('wasm');
    expect(page.wasm).toEqual(node.wasm);
    expect(page.js).toEqual(node.wasm);
  });

  it.skipIf(!available)(
    'Chromium under a CSP that forbids WebAssembly: falls back to js, same hashes',
    async () => {
      const page = await inChromium(await bundle(), "default-src 'none'; script-src 'unsafe-inline'");
      expect(page.default?.backend).toBe('js');
      expect(page.wasm).toBeUndefined();
      expect(page.js).toEqual(node.wasm);
    },
  );
});
