// Compiles the AssemblyScript kernels (WebAssembly SIMD) into src/generated/:
//   assembly/philox.ts   -> rng-wasm.ts       (the Philox block generator and the fills)
//   assembly/bfloat16.ts -> bfloat16-wasm.ts  (the parallel filler's bfloat16 rounding, in the Philox module's memory)
// Usage: node scripts/build-wasm.mjs   (from packages/rng; uses the root's assemblyscript)
import { fileURLToPath } from 'node:url';
import { writeWasmModule } from '../../../scripts/wasm-module.mjs';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
writeWasmModule(packageDir, {
  source: 'assembly/philox.ts',
  output: 'src/generated/rng-wasm.ts',
  exportName: 'rngWasmBase64',
  doc: 'The Philox4x32-10 SIMD block generator as a base64 WebAssembly module (see assembly/philox.ts).',
});
writeWasmModule(packageDir, {
  source: 'assembly/bfloat16.ts',
  output: 'src/generated/bfloat16-wasm.ts',
  exportName: 'bfloat16WasmBase64',
  doc: "The parallel filler's in-place bfloat16 rounding as a base64 WebAssembly module (see assembly/bfloat16.ts).",
  flags: ['--importMemory'],
});
