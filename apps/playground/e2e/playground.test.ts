/**
 * End-to-end tests of the built site in Debian's headless Chromium (playwright-core, no browser
 * download): every view, control changes, training, the advisor hand-off, shared and hostile URLs,
 * a dropped .safetensors file, offline use. Screenshots go to test-artifacts/ (ignored by git); the
 * committed copies in screenshots/ are rewritten when missing or with UPDATE_SCREENSHOTS=1.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSafetensors, fromConfig } from '@init/schemes';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../vitest.shared.ts';
import { APP_DIR, buildIfStale, serveSite } from './site';
import type { StaticServer } from './static-server';

const available = existsSync(CHROMIUM);
if (!available) console.warn(`e2e skipped: ${CHROMIUM} is missing (install Debian's chromium to run them)`);

const ARTIFACTS = join(APP_DIR, 'test-artifacts');
const SCREENSHOTS = join(APP_DIR, 'screenshots');

let server: StaticServer;
let browser: Browser;

interface Opened {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

async function open(hash: string, options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<Opened> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    serviceWorkers: options.serviceWorkers ?? 'block',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) {
      errors.push(`request beyond the origin: ${r.url()}`);
    }
  });
  await page.goto(`${server.url}${hash}`);
  return { page, context, errors };
}

/** expect.poll with room for a busy CI machine (the default gives up after one second). */
function eventually<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 20_000, interval: 50 });
}

async function version(page: Page, testid: string): Promise<number> {
  return Number(await page.getByTestId(testid).getAttribute('data-version'));
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  // The committed copies (shown in the README) are refreshed on request, so a test run leaves the tree clean.
  const committed = join(SCREENSHOTS, `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(committed)) copyFileSync(file, committed);
}

async function waitForStep(page: Page, testid: string, atLeast: number): Promise<void> {
  await page.waitForFunction(
    ([id, n]) =>
      Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-step') ?? 0) >= Number(n),
    [testid, atLeast],
    { timeout: 30_000 },
  );
}

describe.skipIf(!available)('playground in Chromium', () => {
  beforeAll(async () => {
    await buildIfStale();
    server = await serveSite();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('1. signal view: loads cleanly, and a control change redraws the charts', async () => {
    const { page, context, errors } = await open('#theme=light');
    await page.getByTestId('verdict').waitFor();
    await eventually(() => version(page, 'signal-std')).toBeGreaterThan(1);
    expect(await page.getByTestId('verdict').textContent()).toBe('healthy');
    await shoot(page, 'signal');
    const before = await version(page, 'signal-std');
    const heatBefore = await version(page, 'signal-heatmap');
    await page.getByTestId('ctl-s_scheme').selectOption('xavier_normal');
    await eventually(() => page.getByTestId('verdict').textContent()).toBe('vanishing');
    expect(await version(page, 'signal-std')).toBeGreaterThan(before);
    expect(await version(page, 'signal-heatmap')).toBeGreaterThan(heatBefore);
    await page.getByTestId('ctl-s_depth').fill('20');
    await page.getByTestId('ctl-s_depth').press('Enter');
    await eventually(() => page.getByTestId('signal-summary').textContent()).toContain('20 layers');
    await eventually(() => page.evaluate(() => location.hash)).toContain('s_depth=20');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('2. training arena: playing lowers the loss, with boundaries and gradient charts', async () => {
    const { page, context, errors } = await open('#view=train&theme=light&t_data=xor');
    await page.getByTestId('play').click();
    await waitForStep(page, 'train-summary', 200);
    await page.getByTestId('pause').click();
    const summary = page.getByTestId('train-summary');
    const first = Number(await summary.getAttribute('data-loss-first'));
    const last = Number(await summary.getAttribute('data-loss-last'));
    expect(last).toBeLessThan(first * 0.7);
    expect(await page.locator('canvas.boundary').count()).toBe(4);
    await shoot(page, 'train');
    const step = Number(await summary.getAttribute('data-step'));
    await page.getByTestId('step').click();
    await eventually(async () => Number(await summary.getAttribute('data-step'))).toBe(step + 1);
    await page.getByTestId('reset').click();
    await eventually(async () => Number(await summary.getAttribute('data-step'))).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('2b. training arena on the MNIST subset (served with the app)', async () => {
    const { page, context, errors } = await open('#view=train&theme=light&t_data=mnist&t_depth=1&t_width=32');
    await page.getByTestId('play').click();
    await waitForStep(page, 'train-summary', 30);
    await page.getByTestId('pause').click();
    const summary = page.getByTestId('train-summary');
    expect(Number(await summary.getAttribute('data-loss-last'))).toBeLessThan(
      Number(await summary.getAttribute('data-loss-first')),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('3. recurrent memory: trains and shows the gradient over time', async () => {
    const { page, context, errors } = await open('#view=rnn&theme=light&r_len=20');
    await eventually(() => version(page, 'rnn-memory')).toBeGreaterThan(1);
    await page.getByTestId('play').click();
    await waitForStep(page, 'rnn-summary', 40);
    await page.getByTestId('pause').click();
    await shoot(page, 'rnn');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('4. advisor: an answer loads into the signal and training views', async () => {
    const { page, context, errors } = await open('#view=advisor&theme=light&a_act=tanh&a_depth=30');
    await eventually(() => page.getByTestId('advisor-scheme').textContent()).toContain('xavier_uniform');
    await shoot(page, 'advisor');
    await page.getByTestId('advisor-load').click();
    await page.getByTestId('verdict').waitFor();
    expect(await page.getByTestId('ctl-s_scheme').inputValue()).toBe('xavier_uniform');
    expect(await page.getByTestId('ctl-s_act').inputValue()).toBe('tanh');
    expect(await page.getByTestId('ctl-s_depth').inputValue()).toBe('30');
    expect(await page.getByTestId('notice').textContent()).toContain('Loaded');
    await page.getByTestId('tab-train').click();
    expect(await page.getByTestId('init-0').inputValue()).toBe('xavier_uniform');
    await page.getByTestId('tab-advisor').click();
    await page.getByTestId('ctl-a_mode').selectOption('words');
    await page.getByTestId('advisor-text').fill('stock prediction with SELU');
    await page.getByTestId('advisor-text').press('Enter');
    await eventually(() => page.getByTestId('advisor-scheme').textContent()).toContain('lecun');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('5. weight inspector: spectrum, pattern and downloads', async () => {
    const { page, context, errors } = await open('#view=inspect&theme=light');
    await expect
      .poll(() => page.getByTestId('inspect-sv-summary').textContent())
      .toContain('σ_max/σ_min = 1.000');
    await shoot(page, 'inspect');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-safetensors').click(),
    ]);
    expect(download.suggestedFilename()).toBe('orthogonal-128x128-seed1.safetensors');
    await page.getByTestId('ctl-w_scheme').selectOption('sparse');
    await eventually(() => page.getByTestId('tensor-summary').textContent()).toContain('zeros 90.6%');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('5b. a dropped .safetensors file is inspected in the page', async () => {
    const w = fromConfig({ name: 'orthogonal', gain: 1 })([48, 32], 3);
    const b = fromConfig({ name: 'sparse', sparsity: 0.5, std: 0.1 })([16, 48], 4);
    const bytes = encodeSafetensors(
      [
        { name: 'layer.0.weight', shape: [48, 32], data: w.data as Float32Array },
        { name: 'layer.1.weight', shape: [16, 48], data: b.data as Float32Array },
      ],
      { metadata: { note: '<b>not html</b>' } },
    );
    const { page, context, errors } = await open('#view=inspect&theme=light');
    await page.getByTestId('inspect-sv-summary').waitFor();
    await page.evaluate((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'model.safetensors'));
      const target = document.querySelector('main .layout') as HTMLElement;
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, Array.from(bytes));
    const summary = page.getByTestId('file-summary');
    await eventually(() => summary.textContent()).toContain('2 tensors');
    expect(await summary.textContent()).toContain('<b>not html</b>');
    expect(await page.locator('main b').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('inspect-sv-summary').textContent())
      .toContain('σ_max/σ_min = 1.000');
    await page.getByTestId('tensor-select').selectOption('1');
    await eventually(() => page.getByTestId('tensor-summary').textContent()).toContain('layer.1.weight');
    await shoot(page, 'inspect-file');
    // A corrupt file is reported, not thrown.
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array([9, 9, 9])], 'broken.safetensors'));
      document
        .querySelector('main .layout')
        ?.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
    });
    await eventually(() => page.getByTestId('file-error').textContent()).toContain('broken.safetensors');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a shared URL restores the state, and *_hide keys hide controls', async () => {
    const hash =
      '#view=signal&seed=5&s_act=tanh&s_scheme=orthogonal&s_gain=1.2&s_depth=17&s_width=64&s_depth_hide=true';
    for (let round = 0; round < 2; round++) {
      const { page, context, errors } = await open(hash);
      await eventually(() => page.getByTestId('signal-summary').textContent()).toContain('17 layers of 64');
      expect(await page.getByTestId('ctl-s_act').inputValue()).toBe('tanh');
      expect(await page.getByTestId('ctl-s_scheme').inputValue()).toBe('orthogonal');
      expect(await page.getByTestId('ctl-s_gain').inputValue()).toBe('1.2');
      expect(await page.getByTestId('ctl-seed').inputValue()).toBe('5');
      expect(await page.getByTestId('ctl-s_depth').count()).toBe(0);
      expect(await page.getByTestId('notice').count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('hostile URLs fall back to defaults with a notice and execute nothing', async () => {
    const hostile = [
      `#view=${encodeURIComponent('<script>window.__pwned=1</script>')}`,
      `#view=advisor&a_mode=words&a_text=${encodeURIComponent('<img src=x onerror="window.__pwned=1">')}`,
      `#view=advisor&a_mode=words&a_text=${encodeURIComponent('javascript:window.__pwned=1')}`,
      '#__proto__[polluted]=1&constructor=1&__proto__=x',
      '#s_depth=1e308&s_width=-1e308&seed=NaN',
      `#s_depth=20&a_text=${'A'.repeat(100_000)}`,
    ];
    for (const hash of hostile) {
      const { page, context, errors } = await open(hash);
      await page.getByTestId('notice').waitFor();
      const probe = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        polluted: ({} as Record<string, unknown>).polluted,
        images: document.querySelectorAll('img').length,
        scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
        hashLength: location.hash.length,
      }));
      expect(probe, hash.slice(0, 60)).toEqual({
        pwned: undefined,
        polluted: undefined,
        images: 0,
        scripts: 0,
        hashLength: probe.hashLength,
      });
      expect(probe.hashLength).toBeLessThan(200);
      if (!hash.includes('advisor')) {
        await eventually(() => page.getByTestId('ctl-s_depth').inputValue()).toBe('50');
      }
      if (hash.length > 90_000) await shoot(page, 'hostile-url');
      expect(errors, hash.slice(0, 60)).toEqual([]);
      await context.close();
    }
  });

  it('keyboard: the tabs move with the arrow keys, and the dark theme toggles', async () => {
    const { page, context, errors } = await open('#view=signal');
    await page.getByTestId('tab-signal').focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => page.evaluate(() => document.querySelector('main')?.dataset.view)).toBe('train');
    await page.getByTestId('theme').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('tab-signal').click();
    await page.getByTestId('verdict').waitFor();
    await shoot(page, 'signal-phone-dark');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works offline once loaded (the service worker precaches the site)', async () => {
    const { page, context, errors } = await open('#view=inspect', { serviceWorkers: 'allow' });
    // Ready means: the worker is active, controls this page (clients.claim has run), and the page itself
    // and its script are in the cache (on a busy machine activation can run ahead of the page's control).
    await page.waitForFunction(
      async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        if (registration?.active?.state !== 'activated' || !navigator.serviceWorker.controller) return false;
        const script = document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src;
        return (
          (await caches.match(location.href.split('#')[0] as string, { ignoreSearch: true })) !== undefined &&
          (script === undefined || (await caches.match(script)) !== undefined)
        );
      },
      null,
      { timeout: 30_000, polling: 100 },
    );
    await page.getByTestId('inspect-sv-summary').waitFor();
    // Wake the worker with a request it answers from the cache (a worker stopped while the machine is busy
    // would otherwise have to start during the offline navigation), then navigate offline.
    expect(await page.evaluate(async () => (await fetch('./index.html')).ok)).toBe(true);
    await context.setOffline(true);
    await page.goto(`${server.url}#view=inspect`);
    await page.getByTestId('tab-train').click();
    await page.getByTestId('ctl-t_data').selectOption('mnist');
    await page.getByTestId('step').click();
    await waitForStep(page, 'train-summary', 1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
