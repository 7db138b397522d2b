// Compiles assembly/philox.ts (AssemblyScript, WebAssembly SIMD) into src/generated/rng-wasm.ts.
// Usage: node scripts/build-wasm.mjs   (from packages/rng; uses the root's assemblyscript)
import { fileURLToPath } from 'node:url';
import { writeWasmModule } from '../../../scripts/wasm-module.mjs';

writeWasmModule(fileURLToPath(new URL('..', import.meta.url)), {
  source: 'assembly/philox.ts',
  output: 'src/generated/rng-wasm.ts',
  exportName: 'rngWasmBase64',
  doc: 'The Philox4x32-10 SIMD block generator as a base64 WebAssembly module (see assembly/philox.ts).',
});
