// WebAssembly SIMD macro-kernels of the blocked GEMM in @init/linalg.
//
// The caller (src/gemm-kernel-wasm.ts) copies operand blocks into this module's memory, has them
// packed by the routines at the end of this file, and calls one macro-kernel per (row block,
// depth block). Layouts, all in elements of the kernel's dtype:
//
//   packed A  ceil(mc / MR) micro-panels, each kc x MR: for p in 0..kc, the MR values A[i0 + r, p]
//   packed B  ceil(nc / NR) micro-panels, each kc x NR: for p in 0..kc, the NR values B[p, j0 + s]
//   C         row-major scratch with row stride ldc (>= padded nc), rows padded to a multiple of MR
//
// Padding rows and columns are zero in the packed operands, so every micro-tile is full and the
// kernels have no edge cases. `first` = 1 stores the tile (first depth block), 0 adds to it.
// Products and sums use the dtype of the kernel: f32x4 lanes for float32, f64x2 for float64.
// The 4-row tiles keep 8 accumulators, 2 B vectors and 1 broadcast A value in registers; wider
// tiles (6 x 8, 4 x 12, 8 x 8) measured slower because V8 then spills accumulators to the stack.

/** Micro-tile rows of both kernels. */
export const MR: i32 = 4;
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
    a += 16;
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
    a += 32;
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

// Packing. The caller copies a block of an operand into a raw buffer, row by row ("rows":
// element (i, p) at raw[i * ld + p]) or column by column ("cols": element (i, p) at
// raw[p * ld + i]), and these routines reorder it into micro-panels, zero-filling the padding.
// `alpha` scales packed A, so the kernels compute alpha * A * B directly.

function packARows<T>(raw: usize, ld: i32, mc: i32, kc: i32, dst: usize, alpha: T): void {
  const size = <usize>sizeof<T>();
  let d = dst;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    for (let p = 0; p < kc; p++) {
      let s = raw + <usize>(ir * ld + p) * size;
      for (let r = 0; r < MR; r++) {
        store<T>(d, r < rows ? alpha * load<T>(s) : <T>0);
        s += <usize>ld * size;
        d += size;
      }
    }
  }
}

function packACols<T>(raw: usize, ld: i32, mc: i32, kc: i32, dst: usize, alpha: T): void {
  const size = <usize>sizeof<T>();
  let d = dst;
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    for (let p = 0; p < kc; p++) {
      const s = raw + <usize>(p * ld + ir) * size;
      for (let r = 0; r < MR; r++) {
        store<T>(d, r < rows ? alpha * load<T>(s + <usize>r * size) : <T>0);
        d += size;
      }
    }
  }
}

function packBRows<T>(raw: usize, ld: i32, kc: i32, nc: i32, dst: usize, nr: i32): void {
  const size = <usize>sizeof<T>();
  let d = dst;
  for (let jr = 0; jr < nc; jr += nr) {
    const cols = min(nr, nc - jr);
    if (cols === nr && nr * sizeof<T>() === 32) {
      let s = raw + <usize>jr * size;
      for (let p = 0; p < kc; p++) {
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
        s += <usize>ld * size;
        d += 32;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const s = raw + <usize>(p * ld + jr) * size;
        for (let q = 0; q < nr; q++) {
          store<T>(d, q < cols ? load<T>(s + <usize>q * size) : <T>0);
          d += size;
        }
      }
    }
  }
}

function packBCols<T>(raw: usize, ld: i32, kc: i32, nc: i32, dst: usize, nr: i32): void {
  const size = <usize>sizeof<T>();
  let d = dst;
  for (let jr = 0; jr < nc; jr += nr) {
    const cols = min(nr, nc - jr);
    for (let p = 0; p < kc; p++) {
      let s = raw + <usize>(jr * ld + p) * size;
      for (let q = 0; q < nr; q++) {
        store<T>(d, q < cols ? load<T>(s) : <T>0);
        s += <usize>ld * size;
        d += size;
      }
    }
  }
}

// SIMD fast paths: full micro-panels move as 4 x 4 (f32) or 2 x 2 (f64) transposed tiles.

function transposeStore32(d: usize, r0: v128, r1: v128, r2: v128, r3: v128, stride: usize): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(d, v128.shuffle<f64>(t0, t2, 0, 2));
  v128.store(d + stride, v128.shuffle<f64>(t0, t2, 1, 3));
  v128.store(d + 2 * stride, v128.shuffle<f64>(t1, t3, 0, 2));
  v128.store(d + 3 * stride, v128.shuffle<f64>(t1, t3, 1, 3));
}

/** Packs an mc x kc float32 block of A from row-major raw storage (row stride ld), scaled by alpha. */
export function packARows32(raw: usize, ld: i32, mc: i32, kc: i32, dst: usize, alpha: f32): void {
  const full = mc - (mc % MR);
  const kc4 = kc & ~3;
  const va = f32x4.splat(alpha);
  const row = (<usize>ld) << 2;
  for (let ir = 0; ir < full; ir += MR) {
    const s = raw + ((<usize>(ir * ld)) << 2);
    const d = dst + ((<usize>(ir * kc)) << 2);
    for (let p = 0; p < kc4; p += 4) {
      const o = (<usize>p) << 2;
      transposeStore32(
        d + ((<usize>p) << 4),
        f32x4.mul(va, v128.load(s + o)),
        f32x4.mul(va, v128.load(s + row + o)),
        f32x4.mul(va, v128.load(s + 2 * row + o)),
        f32x4.mul(va, v128.load(s + 3 * row + o)),
        16,
      );
    }
    for (let p = kc4; p < kc; p++) {
      const o = (<usize>p) << 2;
      const e = d + ((<usize>p) << 4);
      store<f32>(e, alpha * load<f32>(s + o));
      store<f32>(e, alpha * load<f32>(s + row + o), 4);
      store<f32>(e, alpha * load<f32>(s + 2 * row + o), 8);
      store<f32>(e, alpha * load<f32>(s + 3 * row + o), 12);
    }
  }
  if (full < mc) {
    packARows<f32>(
      raw + ((<usize>(full * ld)) << 2),
      ld,
      mc - full,
      kc,
      dst + ((<usize>(full * kc)) << 2),
      alpha,
    );
  }
}

/** Packs an mc x kc float32 block of A from column-major raw storage (column stride ld), scaled by alpha. */
export function packACols32(raw: usize, ld: i32, mc: i32, kc: i32, dst: usize, alpha: f32): void {
  const full = mc - (mc % MR);
  const va = f32x4.splat(alpha);
  for (let ir = 0; ir < full; ir += MR) {
    let s = raw + ((<usize>ir) << 2);
    let d = dst + ((<usize>(ir * kc)) << 2);
    for (let p = 0; p < kc; p++) {
      v128.store(d, f32x4.mul(va, v128.load(s)));
      s += (<usize>ld) << 2;
      d += 16;
    }
  }
  if (full < mc) {
    packACols<f32>(raw + ((<usize>full) << 2), ld, mc - full, kc, dst + ((<usize>(full * kc)) << 2), alpha);
  }
}

/** Packs a kc x nc float32 block of B from row-major raw storage (row stride ld). */
export function packBRows32(raw: usize, ld: i32, kc: i32, nc: i32, dst: usize): void {
  packBRows<f32>(raw, ld, kc, nc, dst, NR32);
}

/** Packs a kc x nc float32 block of B from column-major raw storage (column stride ld). */
export function packBCols32(raw: usize, ld: i32, kc: i32, nc: i32, dst: usize): void {
  const full = nc - (nc % NR32);
  const kc4 = kc & ~3;
  const col = (<usize>ld) << 2;
  for (let jr = 0; jr < full; jr += NR32) {
    const s = raw + ((<usize>(jr * ld)) << 2);
    const d = dst + ((<usize>(jr * kc)) << 2);
    for (let p = 0; p < kc4; p += 4) {
      const o = (<usize>p) << 2;
      const e = d + ((<usize>p) << 5);
      transposeStore32(
        e,
        v128.load(s + o),
        v128.load(s + col + o),
        v128.load(s + 2 * col + o),
        v128.load(s + 3 * col + o),
        32,
      );
      transposeStore32(
        e + 16,
        v128.load(s + 4 * col + o),
        v128.load(s + 5 * col + o),
        v128.load(s + 6 * col + o),
        v128.load(s + 7 * col + o),
        32,
      );
    }
    for (let p = kc4; p < kc; p++) {
      const e = d + ((<usize>p) << 5);
      for (let q = 0; q < NR32; q++) {
        store<f32>(e + ((<usize>q) << 2), load<f32>(s + <usize>q * col + ((<usize>p) << 2)));
      }
    }
  }
  if (full < nc) {
    packBCols<f32>(
      raw + ((<usize>(full * ld)) << 2),
      ld,
      kc,
      nc - full,
      dst + ((<usize>(full * kc)) << 2),
      NR32,
    );
  }
}

/** Multiplies a rows x cols float32 block (row stride ld) by beta in place. */
export function scale32(ptr: usize, ld: i32, rows: i32, cols: i32, beta: f32): void {
  const vb = f32x4.splat(beta);
  const cols4 = cols & ~3;
  for (let i = 0; i < rows; i++) {
    const s = ptr + ((<usize>(i * ld)) << 2);
    for (let j = 0; j < cols4; j += 4) {
      const e = s + ((<usize>j) << 2);
      v128.store(e, f32x4.mul(vb, v128.load(e)));
    }
    for (let j = cols4; j < cols; j++) {
      const e = s + ((<usize>j) << 2);
      store<f32>(e, beta * load<f32>(e));
    }
  }
}

/** Packs an mc x kc float64 block of A from row-major raw storage (row stride ld), scaled by alpha. */
export function packARows64(raw: usize, ld: i32, mc: i32, kc: i32, dst: usize, alpha: f64): void {
  const full = mc - (mc % MR);
  const kc2 = kc & ~1;
  const va = f64x2.splat(alpha);
  const row = (<usize>ld) << 3;
  for (let ir = 0; ir < full; ir += MR) {
    const s = raw + ((<usize>(ir * ld)) << 3);
    const d = dst + ((<usize>(ir * kc)) << 3);
    for (let p = 0; p < kc2; p += 2) {
      const o = (<usize>p) << 3;
      const r0 = f64x2.mul(va, v128.load(s + o));
      const r1 = f64x2.mul(va, v128.load(s + row + o));
      const r2 = f64x2.mul(va, v128.load(s + 2 * row + o));
      const r3 = f64x2.mul(va, v128.load(s + 3 * row + o));
      const e = d + ((<usize>p) << 5);
      v128.store(e, v128.shuffle<f64>(r0, r1, 0, 2));
      v128.store(e, v128.shuffle<f64>(r2, r3, 0, 2), 16);
      v128.store(e, v128.shuffle<f64>(r0, r1, 1, 3), 32);
      v128.store(e, v128.shuffle<f64>(r2, r3, 1, 3), 48);
    }
    if (kc2 < kc) {
      const o = (<usize>kc2) << 3;
      const e = d + ((<usize>kc2) << 5);
      store<f64>(e, alpha * load<f64>(s + o));
      store<f64>(e, alpha * load<f64>(s + row + o), 8);
      store<f64>(e, alpha * load<f64>(s + 2 * row + o), 16);
      store<f64>(e, alpha * load<f64>(s + 3 * row + o), 24);
    }
  }
  if (full < mc) {
    packARows<f64>(
      raw + ((<usize>(full * ld)) << 3),
      ld,
      mc - full,
      kc,
      dst + ((<usize>(full * kc)) << 3),
      alpha,
    );
  }
}

/** Packs an mc x kc float64 block of A from column-major raw storage (column stride ld), scaled by alpha. */
export function packACols64(raw: usize, ld: i32, mc: i32, kc: i32, dst: usize, alpha: f64): void {
  const full = mc - (mc % MR);
  const va = f64x2.splat(alpha);
  for (let ir = 0; ir < full; ir += MR) {
    let s = raw + ((<usize>ir) << 3);
    let d = dst + ((<usize>(ir * kc)) << 3);
    for (let p = 0; p < kc; p++) {
      v128.store(d, f64x2.mul(va, v128.load(s)));
      v128.store(d, f64x2.mul(va, v128.load(s, 16)), 16);
      s += (<usize>ld) << 3;
      d += 32;
    }
  }
  if (full < mc) {
    packACols<f64>(raw + ((<usize>full) << 3), ld, mc - full, kc, dst + ((<usize>(full * kc)) << 3), alpha);
  }
}

/** Packs a kc x nc float64 block of B from row-major raw storage (row stride ld). */
export function packBRows64(raw: usize, ld: i32, kc: i32, nc: i32, dst: usize): void {
  packBRows<f64>(raw, ld, kc, nc, dst, NR64);
}

/** Packs a kc x nc float64 block of B from column-major raw storage (column stride ld). */
export function packBCols64(raw: usize, ld: i32, kc: i32, nc: i32, dst: usize): void {
  const full = nc - (nc % NR64);
  const kc2 = kc & ~1;
  const col = (<usize>ld) << 3;
  for (let jr = 0; jr < full; jr += NR64) {
    const s = raw + ((<usize>(jr * ld)) << 3);
    const d = dst + ((<usize>(jr * kc)) << 3);
    for (let p = 0; p < kc2; p += 2) {
      const o = (<usize>p) << 3;
      const v0 = v128.load(s + o);
      const v1 = v128.load(s + col + o);
      const v2 = v128.load(s + 2 * col + o);
      const v3 = v128.load(s + 3 * col + o);
      const e = d + ((<usize>p) << 5);
      v128.store(e, v128.shuffle<f64>(v0, v1, 0, 2));
      v128.store(e, v128.shuffle<f64>(v2, v3, 0, 2), 16);
      v128.store(e, v128.shuffle<f64>(v0, v1, 1, 3), 32);
      v128.store(e, v128.shuffle<f64>(v2, v3, 1, 3), 48);
    }
    if (kc2 < kc) {
      const o = (<usize>kc2) << 3;
      const e = d + ((<usize>kc2) << 5);
      store<f64>(e, load<f64>(s + o));
      store<f64>(e, load<f64>(s + col + o), 8);
      store<f64>(e, load<f64>(s + 2 * col + o), 16);
      store<f64>(e, load<f64>(s + 3 * col + o), 24);
    }
  }
  if (full < nc) {
    packBCols<f64>(
      raw + ((<usize>(full * ld)) << 3),
      ld,
      kc,
      nc - full,
      dst + ((<usize>(full * kc)) << 3),
      NR64,
    );
  }
}

/** Multiplies a rows x cols float64 block (row stride ld) by beta in place. */
export function scale64(ptr: usize, ld: i32, rows: i32, cols: i32, beta: f64): void {
  const vb = f64x2.splat(beta);
  const cols2 = cols & ~1;
  for (let i = 0; i < rows; i++) {
    const s = ptr + ((<usize>(i * ld)) << 3);
    for (let j = 0; j < cols2; j += 2) {
      const e = s + ((<usize>j) << 3);
      v128.store(e, f64x2.mul(vb, v128.load(e)));
    }
    if (cols2 < cols) {
      const e = s + ((<usize>cols2) << 3);
      store<f64>(e, beta * load<f64>(e));
    }
  }
}
