import { mkdirSync, readdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../vitest.shared.ts';
import { docsRoot, PACKAGES } from '../src/packages';
import { type StaticServer, serveStatic } from '../src/static-server';
import { requireBuiltSite, siteDir } from './site';

const artifacts = `${docsRoot}test-artifacts/`;
/**
 * How long a page may take to finish loading work in CI, where this suite shares two cores with every other
 * package's tests (a second or two on an idle machine).
 */
const LOADED_CI_WAIT = 60_000;
let site: StaticServer;
let browser: Browser;
/** Problems seen on any page: console errors, uncaught exceptions, requests to other origins, failed loads. */
const problems: string[] = [];

/** A page whose console errors, exceptions, failed loads and foreign requests are recorded in `problems`. */
async function watchedPage(): Promise<{
  page: Page;
  visit: (path: string, waitUntil?: 'load' | 'networkidle') => Promise<void>;
}> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  let current = '';
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`${current}: console error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${current}: uncaught: ${error.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(site.url) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`${current}: request outside the site: ${url}`);
    }
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${current}: HTTP ${res.status()} for ${res.url()}`);
  });
  const visit = async (path: string, waitUntil: 'load' | 'networkidle' = 'networkidle') => {
    current = path;
    await page.goto(new URL(path, site.url).href, { waitUntil });
  };
  return { page, visit };
}

async function open(path: string): Promise<Page> {
  const { page, visit } = await watchedPage();
  await visit(path);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: false });
}

beforeAll(async () => {
  requireBuiltSite();
  mkdirSync(artifacts, { recursive: true });
  site = await serveStatic({ root: siteDir, base: process.env.DOCS_BASE ?? '/' });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the built site in Chromium', () => {
  it('home page', async () => {
    const page = await open('index.html');
    await expect(page.locator('.VPHero .name').textContent()).resolves.toContain('init');
    await expect(page.locator('.scheme-demo [data-testid="measured-rms"]').count()).resolves.toBe(1);
    await shot(page, 'home');
    await page.close();
  });

  it('a scheme page with its live demo', async () => {
    const page = await open('schemes/he.html');
    await expect(page.locator('h1').textContent()).resolves.toContain('He');
    await expect(page.locator('.katex').count()).resolves.toBeGreaterThan(3);
    const rms = page.locator('[data-testid="measured-rms"]');
    // fan 128: the rule is sqrt(2/128) = 0.125; the measured rms of 16384 draws is close to it.
    expect(Math.abs(Number(await rms.textContent()) - 0.125)).toBeLessThan(0.005);
    await page.locator('.scheme-demo input[aria-label="fan"]').fill('32');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="readout"]')?.textContent?.includes('fan_in 32'),
    );
    expect(Math.abs(Number(await rms.textContent()) - Math.sqrt(2 / 32))).toBeLessThan(0.02);
    await shot(page, 'scheme-he');
    await page.close();
  });

  it('the decision guide, its table and its widget', async () => {
    const page = await open('guide/decision-guide.html');
    await expect(page.locator('.decision-table .rule').count()).resolves.toBeGreaterThan(10);
    await expect(page.locator('#rule-relu-he').count()).resolves.toBe(1);
    const scheme = page.locator('[data-testid="advisor-scheme"]');
    await expect(scheme.textContent()).resolves.toContain('he_normal');
    await page.locator('.advisor-widget select[aria-label="preset"]').selectOption('chatbot_memory');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="advisor-scheme"]')?.textContent?.includes('rnn_orthogonal'),
    );
    await page.locator('.advisor-widget select[aria-label="preset"]').selectOption('');
    await page.locator('.advisor-widget select[aria-label="activation"]').selectOption('selu');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="advisor-scheme"]')?.textContent?.includes('lecun_normal'),
    );
    await page.locator('.advisor-widget').scrollIntoViewIfNeeded();
    await shot(page, 'decision-guide');
    await page.close();
  });

  it('the playground route', async () => {
    const page = await open('playground/index.html#view=signal&s_act=tanh');
    await page.waitForFunction(() => (document.querySelector('#app')?.children.length ?? 0) > 0, undefined, {
      timeout: LOADED_CI_WAIT,
    });
    await shot(page, 'playground');
    await page.close();
  }, 90_000);

  it('local search finds a term', async () => {
    const page = await open('index.html');
    await page.locator('.VPNavBarSearch button').click();
    await page.locator('.VPLocalSearchBox input').fill('orthogonal');
    // The first search loads and indexes the whole site's search data (about 1.6 MB of script).
    await page.waitForSelector('.VPLocalSearchBox .result', { timeout: LOADED_CI_WAIT });
    const titles = await page.locator('.VPLocalSearchBox .result').allTextContents();
    expect(titles.some((t) => /orthogonal/i.test(t))).toBe(true);
    await shot(page, 'search');
    await page.close();
  }, 90_000);

  it("every hand-written page and each package's API index renders", async () => {
    const pages = ['guide', 'schemes'].flatMap((dir) =>
      readdirSync(`${docsRoot}${dir}`)
        .filter((f) => f.endsWith('.md'))
        .map((f) => `${dir}/${f.replace(/\.md$/, '.html')}`),
    );
    pages.push(...PACKAGES.map((p) => `api/${p.dir}/index.html`), 'api/index.html');
    // One tab for the whole sweep, 'load' rather than 'networkidle': the checks above wait for idle pages.
    const { page, visit } = await watchedPage();
    for (const path of pages) {
      await visit(path, 'load');
      await expect(page.locator('h1').count(), path).resolves.toBe(1);
    }
    await page.waitForTimeout(500);
    await page.close();
  }, 120_000);

  it('no console errors, exceptions, failed loads or foreign requests on any page', () => {
    expect(problems).toEqual([]);
  });
});
