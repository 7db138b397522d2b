/**
 * bfloat16 storage of float32 fills for the parallel filler. The worker threads round with a copy of the same
 * loop (in `parallel-worker-source.ts`); both give the bits of `float32ToBfloat16` of `@init/schemes`.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Rounds float32 values to bfloat16 bit patterns: round to nearest with ties to even, NaN to a quiet NaN of the
 * same sign. Writes `out[at + i]` for i < src.length.
 *
 * Formula: `b = (x_bits + 0x7fff + ((x_bits >> 16) & 1)) >> 16`, or `(x_bits >> 16) | 0x0040` for NaN.
 */
export function storeBfloat16(src: Float32Array, out: Uint16Array, at: number): void {
  const w = new Int32Array(src.buffer, src.byteOffset, src.length);
  const n = w.length;
  let i = 0;
  const end = (out.byteOffset >>> 1) + out.length; // element indices in out.buffer
  let e = (out.byteOffset >>> 1) + at;
  const whole = new Uint16Array(out.buffer, 0, end);
  if (LITTLE_ENDIAN && n > 1) {
    if ((e & 1) === 1) {
      const b = w[0] as number;
      whole[e++] =
        (b & 0x7fffffff) > 0x7f800000 ? (b >>> 16) | 0x0040 : ((b + 0x7fff + ((b >> 16) & 1)) | 0) >>> 16;
      i = 1;
    }
    // Two results per 32-bit store (the first in the low half).
    const pairs = new Uint32Array(out.buffer, 0, end >>> 1);
    for (; i + 1 < n; i += 2, e += 2) {
      const b = w[i] as number;
      const c = w[i + 1] as number;
      const lo =
        (b & 0x7fffffff) > 0x7f800000 ? (b >>> 16) | 0x0040 : ((b + 0x7fff + ((b >> 16) & 1)) | 0) >>> 16;
      const hi =
        (c & 0x7fffffff) > 0x7f800000 ? (c >>> 16) | 0x0040 : ((c + 0x7fff + ((c >> 16) & 1)) | 0) >>> 16;
      pairs[e >>> 1] = lo | (hi << 16);
    }
  }
  for (; i < n; i++, e++) {
    const b = w[i] as number;
    whole[e] =
      (b & 0x7fffffff) > 0x7f800000 ? (b >>> 16) | 0x0040 : ((b + 0x7fff + ((b >> 16) & 1)) | 0) >>> 16;
  }
}

/**
 * The worker threads' bfloat16 rounding as a WebAssembly SIMD module (376 bytes, base64), eight values per
 * step, in place: `round(ptr, n)` turns the n float32 values at `ptr` (n a multiple of 8) into their n
 * bfloat16 bit patterns at `ptr`, with the formula of {@link storeBfloat16}. It imports the memory of the
 * Philox module (`env.memory`) and rounds that module's output buffer before the copy out. Source:
 * `assembly/bfloat16.ts`, built by `scripts/build-wasm.mjs` (a test checks the committed bytes).
 */
export { bfloat16WasmBase64 as BF16_ROUND_WASM_BASE64 } from './generated/bfloat16-wasm';
