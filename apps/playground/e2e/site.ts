/** Builds the site when dist/ is missing or older than its sources, and serves it under /playground/. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type StaticServer, serveStatic } from './static-server';

export const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(APP_DIR, 'dist');

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = 0;
  for (const name of readdirSync(path)) m = Math.max(m, newestMtime(join(path, name)));
  return m;
}

const PACKAGES = join(APP_DIR, '..', '..', 'packages');

/** Whether dist/ is older than any input of the build (the app and the package sources it bundles). */
export function distIsStale(): boolean {
  const index = join(DIST, 'index.html');
  if (!existsSync(index) || !existsSync(join(DIST, 'sw.js'))) return true;
  const built = statSync(join(DIST, 'sw.js')).mtimeMs;
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(APP_DIR, p));
  for (const pkg of readdirSync(PACKAGES)) inputs.push(join(PACKAGES, pkg, 'src'));
  return inputs.some((p) => existsSync(p) && newestMtime(p) > built);
}

export async function buildIfStale(): Promise<'built' | 'reused'> {
  if (!distIsStale()) return 'reused';
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which would give a development build of Vue and no service worker.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: APP_DIR,
      configFile: join(APP_DIR, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = env;
  }
  return 'built';
}

export function serveSite(): Promise<StaticServer> {
  return serveStatic(DIST, '/playground/');
}
