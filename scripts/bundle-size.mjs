#!/usr/bin/env node
// Bundles single-import entries from the BUILT packages (packages/<name>/dist, so run
// `pnpm build` first) with esbuild, minified for the browser, and prints a markdown table of
// minified and gzip sizes: what an application pays for one import.
//
//   node scripts/bundle-size.mjs            markdown table
//   node scripts/bundle-size.mjs --json     the same figures as JSON
//   node scripts/bundle-size.mjs --check    exit 1 when a size target below is missed

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** [package, exported name, minified-size target in bytes or undefined]. */
const ENTRIES = [
  ['schemes', 'computeFans', 5 * 1024],
  ['schemes', 'heNormal', 45 * 1024],
  ['schemes', 'orthogonal', undefined],
  ['schemes', 'fromConfig', undefined],
  ['rng', 'createRng', undefined],
  ['linalg', 'gemm', undefined],
  ['linalg', 'qr', undefined],
  ['advisor', 'recommend', undefined],
];

async function measure(pkg, name) {
  const dir = join(root, 'packages', pkg);
  const entry = join(dir, 'dist', 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build @init/${pkg} first`);
  const result = await build({
    stdin: {
      contents: `export { ${name} } from ${JSON.stringify(entry)};`,
      resolveDir: dir,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const rows = [];
for (const [pkg, name, target] of ENTRIES) {
  rows.push({ pkg: `@init/${pkg}`, name, target, ...(await measure(pkg, name)) });
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log('| import | minified | gzip | target (minified) |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) {
    const target =
      r.target === undefined ? '' : `< ${kb(r.target)}${r.minified < r.target ? '' : ' (missed)'}`;
    console.log(
      `| \`import { ${r.name} } from '${r.pkg}'\` | ${kb(r.minified)} | ${kb(r.gzip)} | ${target} |`,
    );
  }
}

if (process.argv.includes('--check')) {
  const missed = rows.filter((r) => r.target !== undefined && r.minified >= r.target);
  for (const r of missed) console.error(`${r.pkg} { ${r.name} }: ${r.minified} bytes, target < ${r.target}`);
  process.exit(missed.length > 0 ? 1 : 0);
}
