import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The published files, not the sources: `@init/rng/node` must import the main entry's module instances (one
 * RngError class, one fill-backend setting) in ESM and in CJS. The dist is rebuilt when a source is newer.
 */
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const dist = (name: string) => `${packageDir}dist/${name}`;

function newestSource(): number {
  return Math.max(
    ...readdirSync(`${packageDir}src`)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => statSync(`${packageDir}src/${f}`).mtimeMs),
    statSync(`${packageDir}tsup.config.ts`).mtimeMs,
  );
}

type Entry = typeof import('./index');
type NodeEntry = typeof import('./node');

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return undefined;
}

beforeAll(() => {
  const built = ['index.js', 'node.js', 'index.cjs', 'node.cjs'].map(dist);
  if (!built.every(existsSync) || Math.min(...built.map((f) => statSync(f).mtimeMs)) < newestSource()) {
    execFileSync(process.execPath, [createRequire(import.meta.url).resolve('tsup/dist/cli-default.js')], {
      cwd: packageDir,
      stdio: 'pipe',
    });
  }
}, 120_000);

describe.each(['esm', 'cjs'] as const)('built entries (%s) share one module', (format) => {
  let main: Entry;
  let node: NodeEntry;
  beforeAll(async () => {
    if (format === 'esm') {
      main = (await import(pathToFileURL(dist('index.js')).href)) as Entry;
      node = (await import(pathToFileURL(dist('node.js')).href)) as NodeEntry;
    } else {
      const require = createRequire(import.meta.url);
      main = require(dist('index.cjs')) as Entry;
      node = require(dist('node.cjs')) as NodeEntry;
    }
  });

  it('an error thrown by @init/rng/node is an instance of the main entry RngError', async () => {
    const filler = node.createParallelFiller({ threads: 1 });
    const error = await rejection(filler.fillNormal(main.createRng(1), new Float32Array(4), 0, -1));
    await filler.close();
    expect(error).toBeInstanceOf(main.RngError);
    expect((error as InstanceType<Entry['RngError']>).argument).toBe('std');
    let sync: unknown;
    try {
      node.createParallelFiller({ thread: 2 } as never);
    } catch (e) {
      sync = e;
    }
    expect(sync).toBeInstanceOf(main.RngError);
    expect((sync as Error).message).toMatch(/did you mean 'threads'/);
  });

  it('a parallel fill after setFillBackend through the main entry gives the single-threaded bits', async () => {
    const filler = node.createParallelFiller({ threads: 2, minParallelLength: 0 });
    try {
      main.setFillBackend('ts');
      expect(main.fillBackend()).toBe('ts');
      const out = await filler.fillNormal(main.createRng(3), new Float32Array(10_000));
      expect(out).toEqual(main.createRng(3).fillNormal(new Float32Array(10_000)));
    } finally {
      main.setFillBackend(undefined);
      await filler.close();
    }
  });

  it('the node entry defines no copy of the shared code', () => {
    const text = readFileSync(dist(format === 'esm' ? 'node.js' : 'node.cjs'), 'utf8');
    expect(text).not.toMatch(/class extends Error|RngError = class/);
    const main = readFileSync(dist(format === 'esm' ? 'index.js' : 'index.cjs'), 'utf8');
    const chunk = /chunk-[A-Z0-9]+\.c?js/;
    expect(text.match(chunk)?.[0]).toBeDefined();
    expect(text.match(chunk)?.[0]).toBe(main.match(chunk)?.[0]);
  });
});
