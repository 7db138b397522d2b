import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFile, serveStatic } from './static-server';

const root = mkdtempSync(join(tmpdir(), 'docs-static-'));
mkdirSync(join(root, 'guide'));
writeFileSync(join(root, 'index.html'), 'home');
writeFileSync(join(root, 'guide', 'theory.html'), 'theory');
writeFileSync(join(root, '404.html'), 'missing');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveFile', () => {
  it('maps directories to index.html and clean URLs to .html files', () => {
    expect(resolveFile(root, '/', '/')).toBe(join(root, 'index.html'));
    // The server passes the root with a trailing separator: the home page must still resolve.
    expect(resolveFile(`${root}/`, '/', '/')).toBe(join(root, 'index.html'));
    expect(resolveFile(`${root}/`, '/', '/guide/theory')).toBe(join(root, 'guide', 'theory.html'));
    expect(resolveFile(root, '/', '/guide/theory')).toBe(join(root, 'guide', 'theory.html'));
    expect(resolveFile(root, '/', '/guide/theory.html?x=1#y')).toBe(join(root, 'guide', 'theory.html'));
  });

  it('honours the base and refuses paths outside the root', () => {
    expect(resolveFile(root, '/init/', '/init/guide/theory.html')).toBe(join(root, 'guide', 'theory.html'));
    expect(resolveFile(root, '/init/', '/guide/theory.html')).toBeUndefined();
    expect(resolveFile(root, '/', '/../etc/passwd')).toBeUndefined();
    expect(resolveFile(root, '/', '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(resolveFile(root, '/', '/%E0%A4%A')).toBeUndefined();
  });
});

describe('serveStatic', () => {
  it('serves files with their type and the 404 page otherwise', async () => {
    const site = await serveStatic({ root, base: '/' });
    try {
      const home = await fetch(site.url); // the address `pnpm start` prints
      expect(home.status).toBe(200);
      expect(await home.text()).toBe('home');
      const ok = await fetch(`${site.url}guide/theory.html`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toContain('text/html');
      expect(await ok.text()).toBe('theory');
      const missing = await fetch(`${site.url}nope.html`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toBe('missing');
    } finally {
      await site.close();
    }
  });
});
