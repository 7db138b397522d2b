import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rngWasmBase64 } from './generated/rng-wasm';

describe('committed WebAssembly module', () => {
  it('is what scripts/build-wasm.mjs compiles from assembly/philox.ts', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const require = createRequire(import.meta.url);
    const asc = join(dirname(require.resolve('assemblyscript/package.json')), 'bin', 'asc.js');
    const tmp = mkdtempSync(join(tmpdir(), 'rng-wasm-check-'));
    try {
      const out = join(tmp, 'rng.wasm');
      execFileSync(
        process.execPath,
        [asc, 'assembly/philox.ts', '--enable', 'simd', '-O3', '--runtime', 'stub', '--noAssert', '-o', out],
        { cwd: root, stdio: 'pipe' },
      );
      expect(readFileSync(out).toString('base64')).toBe(rngWasmBase64);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
