// WebAssembly SIMD macro-kernels of the blocked GEMM in @init/linalg.
//
// The caller (src/gemm-kernel-wasm.ts) packs operands into this module's memory and calls one
// macro-kernel per (row block, depth block). Layouts, all in elements of the kernel's dtype:
//
//   packed A  ceil(mc / MR) micro-panels, each kc x MR: for p in 0..kc, the MR values A[i0 + r, p]
//   packed B  ceil(nc / NR) micro-panels, each kc x NR: for p in 0..kc, the NR values B[p, j0 + s]
//   C         row-major scratch with row stride ldc (>= padded nc), rows padded to a multiple of MR
//
// Padding rows and columns are zero in the packed operands, so every micro-tile is full and the
// kernels have no edge cases. `first` = 1 stores the tile (first depth block), 0 adds to it.
// Products and sums use the dtype of the kernel: f32x4 lanes for float32, f64x2 for float64.

/** Micro-tile rows of both kernels. */
export const MR: i32 = 6;
/** Micro-tile columns of the float32 kernel (two f32x4 vectors). */
export const NR32: i32 = 8;
/** Micro-tile columns of the float64 kernel (two f64x2 vectors). */
export const NR64: i32 = 4;

/** First byte the caller may use for buffers (after static data). */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

function tile32(kc: i32, a: usize, b: usize, c: usize, ldc: i32, first: i32): void {
  let c00 = f32x4.splat(0),
    c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0),
    c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0),
    c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0),
    c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0),
    c41 = f32x4.splat(0);
  let c50 = f32x4.splat(0),
    c51 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let av = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(av, b0));
    c01 = f32x4.add(c01, f32x4.mul(av, b1));
    av = v128.load32_splat(a, 4);
    c10 = f32x4.add(c10, f32x4.mul(av, b0));
    c11 = f32x4.add(c11, f32x4.mul(av, b1));
    av = v128.load32_splat(a, 8);
    c20 = f32x4.add(c20, f32x4.mul(av, b0));
    c21 = f32x4.add(c21, f32x4.mul(av, b1));
    av = v128.load32_splat(a, 12);
    c30 = f32x4.add(c30, f32x4.mul(av, b0));
    c31 = f32x4.add(c31, f32x4.mul(av, b1));
    av = v128.load32_splat(a, 16);
    c40 = f32x4.add(c40, f32x4.mul(av, b0));
    c41 = f32x4.add(c41, f32x4.mul(av, b1));
    av = v128.load32_splat(a, 20);
    c50 = f32x4.add(c50, f32x4.mul(av, b0));
    c51 = f32x4.add(c51, f32x4.mul(av, b1));
    a += 24;
    b += 32;
  }
  const row = (<usize>ldc) << 2;
  if (first) {
    v128.store(c, c00);
    v128.store(c, c01, 16);
    c += row;
    v128.store(c, c10);
    v128.store(c, c11, 16);
    c += row;
    v128.store(c, c20);
    v128.store(c, c21, 16);
    c += row;
    v128.store(c, c30);
    v128.store(c, c31, 16);
    c += row;
    v128.store(c, c40);
    v128.store(c, c41, 16);
    c += row;
    v128.store(c, c50);
    v128.store(c, c51, 16);
  } else {
    v128.store(c, f32x4.add(v128.load(c), c00));
    v128.store(c, f32x4.add(v128.load(c, 16), c01), 16);
    c += row;
    v128.store(c, f32x4.add(v128.load(c), c10));
    v128.store(c, f32x4.add(v128.load(c, 16), c11), 16);
    c += row;
    v128.store(c, f32x4.add(v128.load(c), c20));
    v128.store(c, f32x4.add(v128.load(c, 16), c21), 16);
    c += row;
    v128.store(c, f32x4.add(v128.load(c), c30));
    v128.store(c, f32x4.add(v128.load(c, 16), c31), 16);
    c += row;
    v128.store(c, f32x4.add(v128.load(c), c40));
    v128.store(c, f32x4.add(v128.load(c, 16), c41), 16);
    c += row;
    v128.store(c, f32x4.add(v128.load(c), c50));
    v128.store(c, f32x4.add(v128.load(c, 16), c51), 16);
  }
}

function tile64(kc: i32, a: usize, b: usize, c: usize, ldc: i32, first: i32): void {
  let c00 = f64x2.splat(0),
    c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0),
    c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0),
    c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0),
    c31 = f64x2.splat(0);
  let c40 = f64x2.splat(0),
    c41 = f64x2.splat(0);
  let c50 = f64x2.splat(0),
    c51 = f64x2.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let av = v128.load64_splat(a);
    c00 = f64x2.add(c00, f64x2.mul(av, b0));
    c01 = f64x2.add(c01, f64x2.mul(av, b1));
    av = v128.load64_splat(a, 8);
    c10 = f64x2.add(c10, f64x2.mul(av, b0));
    c11 = f64x2.add(c11, f64x2.mul(av, b1));
    av = v128.load64_splat(a, 16);
    c20 = f64x2.add(c20, f64x2.mul(av, b0));
    c21 = f64x2.add(c21, f64x2.mul(av, b1));
    av = v128.load64_splat(a, 24);
    c30 = f64x2.add(c30, f64x2.mul(av, b0));
    c31 = f64x2.add(c31, f64x2.mul(av, b1));
    av = v128.load64_splat(a, 32);
    c40 = f64x2.add(c40, f64x2.mul(av, b0));
    c41 = f64x2.add(c41, f64x2.mul(av, b1));
    av = v128.load64_splat(a, 40);
    c50 = f64x2.add(c50, f64x2.mul(av, b0));
    c51 = f64x2.add(c51, f64x2.mul(av, b1));
    a += 48;
    b += 32;
  }
  const row = (<usize>ldc) << 3;
  if (first) {
    v128.store(c, c00);
    v128.store(c, c01, 16);
    c += row;
    v128.store(c, c10);
    v128.store(c, c11, 16);
    c += row;
    v128.store(c, c20);
    v128.store(c, c21, 16);
    c += row;
    v128.store(c, c30);
    v128.store(c, c31, 16);
    c += row;
    v128.store(c, c40);
    v128.store(c, c41, 16);
    c += row;
    v128.store(c, c50);
    v128.store(c, c51, 16);
  } else {
    v128.store(c, f64x2.add(v128.load(c), c00));
    v128.store(c, f64x2.add(v128.load(c, 16), c01), 16);
    c += row;
    v128.store(c, f64x2.add(v128.load(c), c10));
    v128.store(c, f64x2.add(v128.load(c, 16), c11), 16);
    c += row;
    v128.store(c, f64x2.add(v128.load(c), c20));
    v128.store(c, f64x2.add(v128.load(c, 16), c21), 16);
    c += row;
    v128.store(c, f64x2.add(v128.load(c), c30));
    v128.store(c, f64x2.add(v128.load(c, 16), c31), 16);
    c += row;
    v128.store(c, f64x2.add(v128.load(c), c40));
    v128.store(c, f64x2.add(v128.load(c, 16), c41), 16);
    c += row;
    v128.store(c, f64x2.add(v128.load(c), c50));
    v128.store(c, f64x2.add(v128.load(c, 16), c51), 16);
  }
}

/**
 * Float32 macro-kernel: C[0:mc, 0:nc] (+)= packedA * packedB over depth kc, with mc a multiple
 * of MR and nc a multiple of NR32. Pointers are byte addresses in this module's memory.
 */
export function macro32(
  mc: i32,
  nc: i32,
  kc: i32,
  pa: usize,
  pb: usize,
  pc: usize,
  ldc: i32,
  first: i32,
): void {
  const aPanel = (<usize>(kc * MR)) << 2;
  const bPanel = (<usize>(kc * NR32)) << 2;
  const cTileRows = (<usize>(ldc * MR)) << 2;
  let b = pb;
  let cCol = pc;
  for (let jr = 0; jr < nc; jr += NR32) {
    let a = pa;
    let c = cCol;
    for (let ir = 0; ir < mc; ir += MR) {
      tile32(kc, a, b, c, ldc, first);
      a += aPanel;
      c += cTileRows;
    }
    b += bPanel;
    cCol += (<usize>NR32) << 2;
  }
}

/**
 * Float64 macro-kernel: C[0:mc, 0:nc] (+)= packedA * packedB over depth kc, with mc a multiple
 * of MR and nc a multiple of NR64. Pointers are byte addresses in this module's memory.
 */
export function macro64(
  mc: i32,
  nc: i32,
  kc: i32,
  pa: usize,
  pb: usize,
  pc: usize,
  ldc: i32,
  first: i32,
): void {
  const aPanel = (<usize>(kc * MR)) << 3;
  const bPanel = (<usize>(kc * NR64)) << 3;
  const cTileRows = (<usize>(ldc * MR)) << 3;
  let b = pb;
  let cCol = pc;
  for (let jr = 0; jr < nc; jr += NR64) {
    let a = pa;
    let c = cCol;
    for (let ir = 0; ir < mc; ir += MR) {
      tile64(kc, a, b, c, ldc, first);
      a += aPanel;
      c += cTileRows;
    }
    b += bPanel;
    cCol += (<usize>NR64) << 3;
  }
}
