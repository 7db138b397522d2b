// Compiles assembly/gemm.ts (AssemblyScript, WebAssembly SIMD) into src/generated/linalg-wasm.ts.
// Usage: node scripts/build-wasm.mjs   (from packages/linalg; uses the root's assemblyscript)
import { fileURLToPath } from 'node:url';
import { writeWasmModule } from '../../../scripts/wasm-module.mjs';

writeWasmModule(fileURLToPath(new URL('..', import.meta.url)), {
  source: 'assembly/gemm.ts',
  output: 'src/generated/linalg-wasm.ts',
  exportName: 'linalgWasmBase64',
  doc: 'The GEMM macro-kernels as a base64 WebAssembly module (see assembly/gemm.ts).',
});
