import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileAssemblyScript } from '../../../scripts/wasm-module.mjs';
import { linalgWasmBase64 } from './generated/linalg-wasm';

describe('committed WebAssembly module', () => {
  it('is what scripts/build-wasm.mjs compiles from assembly/gemm.ts', () => {
    const packageDir = fileURLToPath(new URL('..', import.meta.url));
    const bytes = compileAssemblyScript(packageDir, 'assembly/gemm.ts', { quiet: true });
    expect(bytes.toString('base64')).toBe(linalgWasmBase64);
  });
});
