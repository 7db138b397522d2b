// The parallel filler's bfloat16 rounding (see src/parallel-bfloat16.ts): rounds n float32 bit patterns at ptr
// to bfloat16 in place (n a multiple of 8), eight values per step; the results are the n 16-bit words from ptr.
// Round to nearest, ties to even; NaN to a quiet NaN of the same sign (-O3 inlines bf16x4). Built with
// --importMemory: it works in the memory of the Philox module (assembly/philox.ts), on its output buffer.

function bf16x4(v: v128): v128 {
  const hi = i32x4.shr_u(v, 16);
  const rounded = i32x4.shr_u(i32x4.add(i32x4.add(v, i32x4.splat(0x7fff)), v128.and(hi, i32x4.splat(1))), 16);
  const nan = i32x4.gt_s(v128.and(v, i32x4.splat(0x7fffffff)), i32x4.splat(0x7f800000));
  return v128.bitselect(v128.or(hi, i32x4.splat(0x40)), rounded, nan);
}

export function round(ptr: usize, n: i32): void {
  for (let i = 0; i < n; i += 8) {
    const a = v128.load(ptr + ((<usize>i) << 2));
    const b = v128.load(ptr + ((<usize>i) << 2), 16);
    v128.store(ptr + ((<usize>i) << 1), i16x8.narrow_i32x4_u(bf16x4(a), bf16x4(b)));
  }
}
