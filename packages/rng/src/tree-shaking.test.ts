import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import tsupConfig from '../tsup.config';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const OUT = '/dist';

/**
 * The package split into files as tsup splits `dist/*.js` (the same entries, code splitting, `seedrandom`
 * and Node built-ins left out), held in memory. Inside one file a bundler cannot drop an import of a
 * package with side effects, so which module lands in which file decides what an application carries.
 */
async function distFiles(): Promise<Map<string, string>> {
  const config = tsupConfig as { entry: string[]; external: string[] };
  const result = await build({
    entryPoints: config.entry.map((e) => join(packageDir, e)),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    outdir: OUT,
    write: false,
    logLevel: 'silent',
    external: ['seedrandom', ...config.external],
  });
  return new Map(result.outputFiles.map((f) => [f.path, f.text]));
}

/** Serves the in-memory dist files as a package marked `sideEffects: false`, as package.json says. */
function distPlugin(files: Map<string, string>): Plugin {
  return {
    name: 'in-memory-dist',
    setup(b) {
      b.onResolve({ filter: /^@init\/rng$/ }, () => ({
        path: `${OUT}/index.js`,
        namespace: 'dist',
        sideEffects: false,
      }));
      b.onResolve({ filter: /^\.\.?\//, namespace: 'dist' }, (args) => ({
        path: join(dirname(args.importer), args.path),
        namespace: 'dist',
        sideEffects: false,
      }));
      b.onLoad({ filter: /.*/, namespace: 'dist' }, (args) => {
        const contents = files.get(args.path);
        if (contents === undefined) throw new Error(`no dist file ${args.path}`);
        return { contents, loader: 'js', resolveDir: packageDir };
      });
    },
  };
}

let files: Map<string, string>;
beforeAll(async () => {
  files = await distFiles();
});

/** A minified browser bundle of `code` (which imports from '@init/rng') and the modules it holds. */
async function bundle(code: string): Promise<{ text: string; inputs: string[] }> {
  const result = await build({
    stdin: { contents: code, resolveDir: packageDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [distPlugin(files)],
  });
  const meta = result.metafile as Metafile;
  const inputs = Object.values(meta.outputs).flatMap((o) =>
    Object.entries(o.inputs)
      .filter(([, v]) => v.bytesInOutput > 0)
      .map(([k]) => k),
  );
  return { text: (result.outputFiles[0] as { text: string }).text, inputs };
}

const seedrandomModules = (inputs: string[]) => inputs.filter((p) => p.includes('seedrandom'));

// What a weight initializer does with its `rng` argument: resolve a seed or an Rng, then fill.
const SEED_RESOLUTION = `
import { isRng, toRng } from '@init/rng';
export function init(rng, out) { return (isRng(rng) ? rng : toRng(rng)).fillNormal(out, 0, 0.02); }
`;

describe('resolving a seed bundles only the default algorithm', () => {
  it('seedrandom is in the bundle when createRng is (the check can fail)', async () => {
    const { inputs, text } = await bundle(`export { createRng } from '@init/rng';`);
    expect(seedrandomModules(inputs).length).toBeGreaterThan(0);
    expect(text).toContain('xoshiro128**');
  });

  it('toRng and isRng pull in no seedrandom module, no xoshiro128** and no word-by-word fills', async () => {
    const { inputs, text } = await bundle(SEED_RESOLUTION);
    expect(seedrandomModules(inputs)).toEqual([]);
    for (const absent of ['xoshiro128**', 'alea', 'xorshift7', 'is only available for the counter-based']) {
      expect(text, absent).not.toContain(absent);
    }
    expect(text).toContain('philox');
  });

  it('the WebAssembly module is embedded once', async () => {
    const { text } = await bundle(SEED_RESOLUTION);
    const magic = 'AGFzbQ'; // base64 of "\0asm", the first bytes of every WebAssembly module
    expect(text.split(magic).length - 1).toBe(1);
  });

  it('isRng alone pulls in no generator at all', async () => {
    const { text, inputs } = await bundle(`export { isRng } from '@init/rng';`);
    expect(seedrandomModules(inputs)).toEqual([]);
    expect(text).not.toContain('AGFzbQ');
    expect(text.length).toBeLessThan(1024);
  });
});

// What a single-fill scheme does with a seed: key it and fill, with no stream object.
const KEYED_NORMAL = `
import { keyFillNormal, streamKey } from '@init/rng';
export function init(seed, out) { return keyFillNormal(streamKey(seed), out, 0, 0.02); }
`;

describe('keyed fills bundle no stream class and only the kind they draw', () => {
  it('the stream class is in a createRng bundle (the check can fail)', async () => {
    const { text } = await bundle(`export { createRng } from '@init/rng';`);
    expect(text).toContain('@init/rng:philox-claim');
    expect(text).toContain('expected high > low');
  });

  it('keyFillNormal carries no stream class, no uniform or truncated parameter checks', async () => {
    const { text } = await bundle(KEYED_NORMAL);
    for (const absent of [
      '@init/rng:philox-claim',
      'expected high > low',
      'expected upper > lower',
      'xoshiro',
    ]) {
      expect(text, absent).not.toContain(absent);
    }
    expect(text).toContain('AGFzbQ');
    expect(text.length).toBeLessThan(28 * 1024);
  });
});
