import { type BlockedTarget, gemmBlocked } from './gemm-blocked';
import { type GemmKernel, KC, usesFloat32 } from './gemm-kernel';
import { copyRowsIn, copyRowsOut, packA, packB } from './gemm-pack';
import type { Matrix } from './matrix';

const MR = 4;
const NR = 4;

let bufA: Float64Array = new Float64Array(0);
let bufB: Float64Array = new Float64Array(0);
let bufC: Float64Array = new Float64Array(0);

const grow = (buf: Float64Array, length: number): Float64Array =>
  buf.length >= length ? buf : new Float64Array(Math.max(length, Math.ceil(buf.length * 1.5)));

/**
 * 4 x 4 register tile in plain JavaScript: 16 float64 accumulators, one packed A column and one
 * packed B row per depth step. Accumulates in float64 whatever the operands' dtype.
 */
function macro(mc: number, nc: number, kc: number, bOffset: number, ldc: number, first: boolean): void {
  const A = bufA;
  const B = bufB;
  const C = bufC;
  for (let jr = 0; jr < nc; jr += NR) {
    const bp0 = bOffset + jr * kc;
    for (let ir = 0; ir < mc; ir += MR) {
      let ap = ir * kc;
      let bp = bp0;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let p = 0; p < kc; p++, ap += MR, bp += NR) {
        const b0 = B[bp] as number;
        const b1 = B[bp + 1] as number;
        const b2 = B[bp + 2] as number;
        const b3 = B[bp + 3] as number;
        let a = A[ap] as number;
        c00 += a * b0;
        c01 += a * b1;
        c02 += a * b2;
        c03 += a * b3;
        a = A[ap + 1] as number;
        c10 += a * b0;
        c11 += a * b1;
        c12 += a * b2;
        c13 += a * b3;
        a = A[ap + 2] as number;
        c20 += a * b0;
        c21 += a * b1;
        c22 += a * b2;
        c23 += a * b3;
        a = A[ap + 3] as number;
        c30 += a * b0;
        c31 += a * b1;
        c32 += a * b2;
        c33 += a * b3;
      }
      let o = ir * ldc + jr;
      if (first) {
        C[o] = c00;
        C[o + 1] = c01;
        C[o + 2] = c02;
        C[o + 3] = c03;
        o += ldc;
        C[o] = c10;
        C[o + 1] = c11;
        C[o + 2] = c12;
        C[o + 3] = c13;
        o += ldc;
        C[o] = c20;
        C[o + 1] = c21;
        C[o + 2] = c22;
        C[o + 3] = c23;
        o += ldc;
        C[o] = c30;
        C[o + 1] = c31;
        C[o + 2] = c32;
        C[o + 3] = c33;
      } else {
        C[o] = (C[o] as number) + c00;
        C[o + 1] = (C[o + 1] as number) + c01;
        C[o + 2] = (C[o + 2] as number) + c02;
        C[o + 3] = (C[o + 3] as number) + c03;
        o += ldc;
        C[o] = (C[o] as number) + c10;
        C[o + 1] = (C[o + 1] as number) + c11;
        C[o + 2] = (C[o + 2] as number) + c12;
        C[o + 3] = (C[o + 3] as number) + c13;
        o += ldc;
        C[o] = (C[o] as number) + c20;
        C[o + 1] = (C[o + 1] as number) + c21;
        C[o + 2] = (C[o + 2] as number) + c22;
        C[o + 3] = (C[o + 3] as number) + c23;
        o += ldc;
        C[o] = (C[o] as number) + c30;
        C[o + 1] = (C[o + 1] as number) + c31;
        C[o + 2] = (C[o + 2] as number) + c32;
        C[o + 3] = (C[o + 3] as number) + c33;
      }
    }
  }
}

let bufA32: Float32Array = new Float32Array(0);
let bufB32: Float32Array = new Float32Array(0);
let bufC32: Float32Array = new Float32Array(0);

const grow32 = (buf: Float32Array, length: number): Float32Array =>
  buf.length >= length ? buf : new Float32Array(Math.max(length, Math.ceil(buf.length * 1.5)));

const f = Math.fround;

/**
 * Float32 macro-kernel, the scalar twin of the WebAssembly `tile32`: for every entry of each 4 x 4
 * tile, a sum from zero over the depth block of float32 products, each product and each sum
 * rounded to float32 (`Math.fround`; WebAssembly SIMD has no fused multiply-add, and a float64
 * product or sum of two float32 numbers rounded once to float32 is exactly the float32 operation),
 * then stored or added (rounded by the Float32Array store) into the accumulator. The lanes of the
 * wasm kernel are independent, so its tile shape does not change any entry's operations.
 */
function macro32(mc: number, nc: number, kc: number, bOffset: number, ldc: number, first: boolean): void {
  const A = bufA32;
  const B = bufB32;
  const C = bufC32;
  for (let jr = 0; jr < nc; jr += NR) {
    const bp0 = bOffset + jr * kc;
    for (let ir = 0; ir < mc; ir += MR) {
      let ap = ir * kc;
      let bp = bp0;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let p = 0; p < kc; p++, ap += MR, bp += NR) {
        const b0 = B[bp] as number;
        const b1 = B[bp + 1] as number;
        const b2 = B[bp + 2] as number;
        const b3 = B[bp + 3] as number;
        let a = A[ap] as number;
        c00 = f(c00 + f(a * b0));
        c01 = f(c01 + f(a * b1));
        c02 = f(c02 + f(a * b2));
        c03 = f(c03 + f(a * b3));
        a = A[ap + 1] as number;
        c10 = f(c10 + f(a * b0));
        c11 = f(c11 + f(a * b1));
        c12 = f(c12 + f(a * b2));
        c13 = f(c13 + f(a * b3));
        a = A[ap + 2] as number;
        c20 = f(c20 + f(a * b0));
        c21 = f(c21 + f(a * b1));
        c22 = f(c22 + f(a * b2));
        c23 = f(c23 + f(a * b3));
        a = A[ap + 3] as number;
        c30 = f(c30 + f(a * b0));
        c31 = f(c31 + f(a * b1));
        c32 = f(c32 + f(a * b2));
        c33 = f(c33 + f(a * b3));
      }
      let o = ir * ldc + jr;
      if (first) {
        C[o] = c00;
        C[o + 1] = c01;
        C[o + 2] = c02;
        C[o + 3] = c03;
        o += ldc;
        C[o] = c10;
        C[o + 1] = c11;
        C[o + 2] = c12;
        C[o + 3] = c13;
        o += ldc;
        C[o] = c20;
        C[o + 1] = c21;
        C[o + 2] = c22;
        C[o + 3] = c23;
        o += ldc;
        C[o] = c30;
        C[o + 1] = c31;
        C[o + 2] = c32;
        C[o + 3] = c33;
      } else {
        C[o] = (C[o] as number) + c00;
        C[o + 1] = (C[o + 1] as number) + c01;
        C[o + 2] = (C[o + 2] as number) + c02;
        C[o + 3] = (C[o + 3] as number) + c03;
        o += ldc;
        C[o] = (C[o] as number) + c10;
        C[o + 1] = (C[o + 1] as number) + c11;
        C[o + 2] = (C[o + 2] as number) + c12;
        C[o + 3] = (C[o + 3] as number) + c13;
        o += ldc;
        C[o] = (C[o] as number) + c20;
        C[o + 1] = (C[o + 1] as number) + c21;
        C[o + 2] = (C[o + 2] as number) + c22;
        C[o + 3] = (C[o + 3] as number) + c23;
        o += ldc;
        C[o] = (C[o] as number) + c30;
        C[o + 1] = (C[o + 1] as number) + c31;
        C[o + 2] = (C[o + 2] as number) + c32;
        C[o + 3] = (C[o + 3] as number) + c33;
      }
    }
  }
}

/**
 * Float32 blocking of the JavaScript back end: float32 packed operands (`alpha` rounded to
 * float32 and applied to A while packing, one float32 product per element) and a float32
 * accumulator loaded with `fround(beta) c` (one float32 product) unless `beta` is 0 or 1.
 */
export const jsTarget32: BlockedTarget = {
  mr: MR,
  nr: NR,
  kc: KC,
  mc: 64,
  panel: 1 << 20,
  reserve(aLength: number, bLength: number, cLength: number): void {
    bufA32 = grow32(bufA32, aLength);
    bufB32 = grow32(bufB32, bLength);
    bufC32 = grow32(bufC32, cLength);
  },
  packA(a: Matrix, i0: number, p0: number, mc: number, kc: number, alpha: number): void {
    packA(bufA32, a, i0, p0, mc, kc, MR, f(alpha));
  },
  packB(b: Matrix, p0: number, j0: number, kc: number, nc: number, offset: number): void {
    packB(bufB32, offset, b, p0, j0, kc, nc, NR);
  },
  loadC(c: Matrix, i0: number, j0: number, mc: number, nc: number, ldc: number, beta: number): void {
    copyRowsIn(bufC32, ldc, c, i0, j0, mc, nc);
    if (beta === 1) return;
    const C = bufC32;
    const b = f(beta);
    for (let i = 0; i < mc; i++) {
      for (let j = 0, o = i * ldc; j < nc; j++, o++) C[o] = b * (C[o] as number);
    }
  },
  storeC(c: Matrix, i0: number, j0: number, mc: number, nc: number, ldc: number): void {
    copyRowsOut(bufC32, ldc, c, i0, j0, mc, nc);
  },
  macro: macro32,
};

/** Blocking of the JavaScript back end (measured on a 2-core x86-64, see bench/gemm.bench.ts). */
export const jsTarget: BlockedTarget = {
  mr: MR,
  nr: NR,
  kc: KC,
  mc: 64,
  panel: 1 << 20,
  reserve(aLength: number, bLength: number, cLength: number): void {
    bufA = grow(bufA, aLength);
    bufB = grow(bufB, bLength);
    bufC = grow(bufC, cLength);
  },
  packA(a: Matrix, i0: number, p0: number, mc: number, kc: number, alpha: number): void {
    packA(bufA, a, i0, p0, mc, kc, MR, alpha);
  },
  packB(b: Matrix, p0: number, j0: number, kc: number, nc: number, offset: number): void {
    packB(bufB, offset, b, p0, j0, kc, nc, NR);
  },
  loadC(c: Matrix, i0: number, j0: number, mc: number, nc: number, ldc: number, beta: number): void {
    copyRowsIn(bufC, ldc, c, i0, j0, mc, nc);
    if (beta === 1) return;
    const C = bufC;
    for (let i = 0; i < mc; i++) {
      for (let j = 0, o = i * ldc; j < nc; j++, o++) C[o] = beta * (C[o] as number);
    }
  },
  storeC(c: Matrix, i0: number, j0: number, mc: number, nc: number, ldc: number): void {
    copyRowsOut(bufC, ldc, c, i0, j0, mc, nc);
  },
  macro,
};

/**
 * Plain TypeScript blocked GEMM. Products that the rule of {@link usesFloat32} puts in float32
 * run the float32 target (the same float32 operations in the same order as the WebAssembly
 * f32x4 kernel); all others pack and accumulate in float64, as the f64x2 kernel does.
 */
export const jsKernel: GemmKernel = {
  name: 'js',
  gemm(alpha: number, a: Matrix, b: Matrix, beta: number, c: Matrix): void {
    gemmBlocked(usesFloat32(alpha, a, b, beta, c) ? jsTarget32 : jsTarget, alpha, a, b, beta, c);
  },
};
