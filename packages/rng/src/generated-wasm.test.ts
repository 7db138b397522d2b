import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileAssemblyScript } from '../../../scripts/wasm-module.mjs';
import { bfloat16WasmBase64 } from './generated/bfloat16-wasm';
import { rngWasmBase64 } from './generated/rng-wasm';

describe('committed WebAssembly module', () => {
  it('is what scripts/build-wasm.mjs compiles from assembly/philox.ts', () => {
    const packageDir = fileURLToPath(new URL('..', import.meta.url));
    const bytes = compileAssemblyScript(packageDir, 'assembly/philox.ts', { quiet: true });
    expect(bytes.toString('base64')).toBe(rngWasmBase64);
  });

  it('is what scripts/build-wasm.mjs compiles from assembly/bfloat16.ts', () => {
    const packageDir = fileURLToPath(new URL('..', import.meta.url));
    const bytes = compileAssemblyScript(packageDir, 'assembly/bfloat16.ts', {
      quiet: true,
      flags: ['--importMemory'],
    });
    expect(bytes.toString('base64')).toBe(bfloat16WasmBase64);
  });
});
