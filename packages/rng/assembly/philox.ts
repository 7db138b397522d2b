// Philox4x32-10 fills in WebAssembly SIMD (AssemblyScript).
//
// Every function here mirrors a TypeScript function operation for operation (same IEEE-754 double
// operations in the same order, no fused multiply-add, same deterministic exp/log; the float32 uniform
// formula's single-precision operations are reproduced in TypeScript with Math.fround), so both paths write
// identical bits; the package's tests compare them. Mirrors:
//   generate           <-> src/philox.ts philoxBlocks (main counter domain)
//   detExp / detLog    <-> src/elementary.ts
//   retry source       <-> src/indexed-source.ts
//   normal32 / 53      <-> src/ziggurat.ts
//   truncatedStandard  <-> src/truncated-normal.ts
//   fill*              <-> src/philox-fills.ts (uniform32 also <-> src/uniform-float32.ts)
//
// Generation: four consecutive blocks run side by side in the four i32 lanes; the 32x32 -> 64-bit products
// use i64x2.extmul_{low,high}_i32x4_u, and a 4x4 transpose stores each block's words contiguously.

const MAX_BLOCKS: i32 = 1024;
const WORDS: usize = memory.data(MAX_BLOCKS * 16, 16);
const OUT: usize = memory.data(MAX_BLOCKS * 16, 16);
const ZX: usize = memory.data(257 * 8, 16);
const ZF: usize = memory.data(257 * 8, 16);
const S23: usize = memory.data(256 * 8, 16);
const S53: usize = memory.data(256 * 8, 16);

const M0: u32 = 0xd2511f53;
const M1: u32 = 0xcd9e8d57;
const W0: u32 = 0x9e3779b9;
const W1: u32 = 0xbb67ae85;
const TWO_M24: f64 = 5.9604644775390625e-8;
const TWO_M53: f64 = 1.1102230246251565e-16;
const TWO_32: f64 = 4294967296.0;
const F32_MIN_NORMAL: f32 = 1.1754943508222875e-38; // 2^-126
const F32_MAX: f32 = 3.4028234663852886e38; // largest finite float32

export function wordsPtr(): usize {
  return WORDS;
}
export function outPtr(): usize {
  return OUT;
}
export function maxBlocks(): i32 {
  return MAX_BLOCKS;
}
/** Ziggurat tables, filled by the host: x (257), f (257), scale23 (256), scale53 (256) float64 each. */
export function tablePtr(which: i32): usize {
  return which === 0 ? ZX : which === 1 ? ZF : which === 2 ? S23 : S53;
}

// ---------------------------------------------------------------- Philox blocks

function counterLo(base: u64): v128 {
  let x = i32x4.splat(<u32>base);
  x = i32x4.replace_lane(x, 1, <u32>(base + 1));
  x = i32x4.replace_lane(x, 2, <u32>(base + 2));
  return i32x4.replace_lane(x, 3, <u32>(base + 3));
}

function counterHi(base: u64): v128 {
  let x = i32x4.splat(<u32>(base >> 32));
  x = i32x4.replace_lane(x, 1, <u32>((base + 1) >> 32));
  x = i32x4.replace_lane(x, 2, <u32>((base + 2) >> 32));
  return i32x4.replace_lane(x, 3, <u32>((base + 3) >> 32));
}

function storeTransposed(out: usize, x0: v128, x1: v128, x2: v128, x3: v128): void {
  const t0 = v128.shuffle<i32>(x0, x1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(x2, x3, 0, 4, 1, 5);
  const t2 = v128.shuffle<i32>(x0, x1, 2, 6, 3, 7);
  const t3 = v128.shuffle<i32>(x2, x3, 2, 6, 3, 7);
  v128.store(out, v128.shuffle<i32>(t0, t1, 0, 1, 4, 5));
  v128.store(out, v128.shuffle<i32>(t0, t1, 2, 3, 6, 7), 16);
  v128.store(out, v128.shuffle<i32>(t2, t3, 0, 1, 4, 5), 32);
  v128.store(out, v128.shuffle<i32>(t2, t3, 2, 3, 6, 7), 48);
}

/**
 * Main-domain blocks (block + b, 64-bit, in counter words 0 and 1; words 2, 3 = 0) into WORDS, eight blocks
 * per step (two independent groups of four keep the multipliers busy). Writes whole groups of eight.
 */
export function generate(k0: u32, k1: u32, blockLo: u32, blockHi: u32, nBlocks: i32): void {
  const m0 = i32x4.splat(M0);
  const m1 = i32x4.splat(M1);
  const zero = i32x4.splat(0);
  let base: u64 = ((<u64>blockHi) << 32) | <u64>blockLo;
  let out = WORDS;
  for (let g = 0; g < nBlocks; g += 8) {
    let a0 = counterLo(base);
    let a1 = counterHi(base);
    let b0 = counterLo(base + 4);
    let b1 = counterHi(base + 4);
    let a2 = zero;
    let a3 = zero;
    let b2 = zero;
    let b3 = zero;
    let ka = k0;
    let kb = k1;
    for (let r = 0; r < 10; r++) {
      const kav = i32x4.splat(ka);
      const kbv = i32x4.splat(kb);
      // 64-bit products of lanes (0, 1) and (2, 3): their high words are the odd i32 lanes. Low words: i32x4.mul.
      const pa0l = i64x2.extmul_low_i32x4_u(a0, m0);
      const pa0h = i64x2.extmul_high_i32x4_u(a0, m0);
      const pa2l = i64x2.extmul_low_i32x4_u(a2, m1);
      const pa2h = i64x2.extmul_high_i32x4_u(a2, m1);
      const pb0l = i64x2.extmul_low_i32x4_u(b0, m0);
      const pb0h = i64x2.extmul_high_i32x4_u(b0, m0);
      const pb2l = i64x2.extmul_low_i32x4_u(b2, m1);
      const pb2h = i64x2.extmul_high_i32x4_u(b2, m1);
      const na0 = v128.xor(v128.xor(v128.shuffle<i32>(pa2l, pa2h, 1, 3, 5, 7), a1), kav);
      const na2 = v128.xor(v128.xor(v128.shuffle<i32>(pa0l, pa0h, 1, 3, 5, 7), a3), kbv);
      a1 = i32x4.mul(a2, m1);
      a3 = i32x4.mul(a0, m0);
      a0 = na0;
      a2 = na2;
      const nb0 = v128.xor(v128.xor(v128.shuffle<i32>(pb2l, pb2h, 1, 3, 5, 7), b1), kav);
      const nb2 = v128.xor(v128.xor(v128.shuffle<i32>(pb0l, pb0h, 1, 3, 5, 7), b3), kbv);
      b1 = i32x4.mul(b2, m1);
      b3 = i32x4.mul(b0, m0);
      b0 = nb0;
      b2 = nb2;
      ka += W0;
      kb += W1;
    }
    storeTransposed(out, a0, a1, a2, a3);
    storeTransposed(out + 64, b0, b1, b2, b3);
    out += 128;
    base += 8;
  }
}

// ---------------------------------------------------------------- retry source (per-index word stream)

let rk0: u32 = 0;
let rk1: u32 = 0;
let rlo: u32 = 0;
let rhi: u32 = 0;
let rtag: u32 = 0;
let rattempt: u32 = 0;
let rpos: i32 = 4;
let rb0: u32 = 0;
let rb1: u32 = 0;
let rb2: u32 = 0;
let rb3: u32 = 0;
let mainPtr: usize = 0;
let mainCount: i32 = 0;
let mainPos: i32 = 0;

function resetSource(k0: u32, k1: u32, index: u64, tag: u32, words: usize, count: i32): void {
  rk0 = k0;
  rk1 = k1;
  rlo = <u32>index;
  rhi = <u32>(index >> 32);
  rtag = tag;
  rattempt = 0;
  rpos = 4;
  mainPtr = words;
  mainCount = count;
  mainPos = 0;
}

function retryBlock(): void {
  let x0 = rlo;
  let x1 = rhi;
  let x2 = rattempt;
  let x3 = rtag;
  let ka = rk0;
  let kb = rk1;
  for (let r = 0; r < 10; r++) {
    const p0: u64 = <u64>x0 * <u64>M0;
    const p1: u64 = <u64>x2 * <u64>M1;
    x0 = <u32>(p1 >> 32) ^ x1 ^ ka;
    x1 = <u32>p1;
    x2 = <u32>(p0 >> 32) ^ x3 ^ kb;
    x3 = <u32>p0;
    ka += W0;
    kb += W1;
  }
  rb0 = x0;
  rb1 = x1;
  rb2 = x2;
  rb3 = x3;
  rattempt++;
  rpos = 0;
}

function nextWord(): u32 {
  if (mainPos < mainCount) {
    const w = load<u32>(mainPtr + ((<usize>mainPos) << 2));
    mainPos++;
    return w;
  }
  if (rpos === 4) retryBlock();
  const p = rpos++;
  return p === 0 ? rb0 : p === 1 ? rb1 : p === 2 ? rb2 : rb3;
}

function uniform53(): f64 {
  const a = nextWord();
  const b = nextWord();
  return (<f64>(a >>> 11) * TWO_32 + <f64>b) * TWO_M53;
}

// ---------------------------------------------------------------- deterministic exp / log

const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
const LOG2E: f64 = Math.LOG2E;
const SQRT2: f64 = Math.SQRT2;

function pow2(k: i32): f64 {
  if (k >= -1022) return reinterpret<f64>((<u64>(k + 1023)) << 52);
  return reinterpret<f64>((<u64>(k + 1023 + 60)) << 52) * 8.673617379884035e-19;
}

function detExp(x: f64): f64 {
  if (Number.isNaN(x)) return x;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const kf = floor<f64>(x * LOG2E + 0.5);
  const k = <i32>kf;
  const r = x - kf * LN2_HI - kf * LN2_LO;
  // Taylor polynomial of e^r to degree 14 (coefficients 1/n!), Horner form.
  let p: f64 = 1.1470745597729725e-11;
  p = p * r + 1.6059043836821613e-10;
  p = p * r + 2.08767569878681e-9;
  p = p * r + 2.505210838544172e-8;
  p = p * r + 2.755731922398589e-7;
  p = p * r + 2.7557319223985893e-6;
  p = p * r + 2.48015873015873e-5;
  p = p * r + 0.0001984126984126984;
  p = p * r + 0.001388888888888889;
  p = p * r + 0.008333333333333333;
  p = p * r + 0.041666666666666664;
  p = p * r + 0.16666666666666666;
  p = p * r + 0.5;
  p = p * r + 1;
  p = p * r + 1;
  if (k > 1023) return p * pow2(1023) * pow2(k - 1023);
  if (k < -1074) return p * pow2(-1074 + 60) * pow2(k + 1074 - 60);
  return p * pow2(k);
}

function detLog(x: f64): f64 {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  let e: i32 = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984.0;
    e = -54;
  }
  const bits = reinterpret<u64>(x);
  const hi = <u32>(bits >> 32);
  e += <i32>((hi >>> 20) & 0x7ff) - 1023;
  let m = reinterpret<f64>(((<u64>((hi & 0x800fffff) | 0x3ff00000)) << 32) | (bits & 0xffffffff));
  if (m > SQRT2) {
    m *= 0.5;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const z = s * s;
  // sum of z^k / (2k + 1) for k = 1..12 (coefficients 1/3 .. 1/25), Horner form.
  let series: f64 = 0.04;
  series = 0.043478260869565216 + z * series;
  series = 0.047619047619047616 + z * series;
  series = 0.05263157894736842 + z * series;
  series = 0.058823529411764705 + z * series;
  series = 0.06666666666666667 + z * series;
  series = 0.07692307692307693 + z * series;
  series = 0.09090909090909091 + z * series;
  series = 0.1111111111111111 + z * series;
  series = 0.14285714285714285 + z * series;
  series = 0.2 + z * series;
  series = 0.3333333333333333 + z * series;
  const logm = 2 * s + 2 * s * z * series;
  const ef = <f64>e;
  return ef * LN2_HI + (ef * LN2_LO + logm);
}

// ---------------------------------------------------------------- ziggurat

const ZR: f64 = 3.6541528853610088;

function zx(i: i32): f64 {
  return load<f64>(ZX + ((<usize>i) << 3));
}

/** Tail or wedge test of a failed fast attempt; the accepted |value| or -1. */
function finishAttempt(layer: i32, x: f64): f64 {
  if (layer === 0) {
    for (;;) {
      const a = -detLog(1 - uniform53()) / ZR;
      const b = -detLog(1 - uniform53());
      if (b + b > a * a) return ZR + a;
    }
  }
  const f0 = load<f64>(ZF + ((<usize>layer) << 3));
  const f1 = load<f64>(ZF + ((<usize>(layer + 1)) << 3));
  const y = f0 + uniform53() * (f1 - f0);
  return y < detExp(-0.5 * x * x) ? x : -1;
}

function normal32Slow(layer: i32, x: f64, negative: bool): f64 {
  let accepted = finishAttempt(layer, x);
  while (accepted < 0) {
    const w = nextWord();
    layer = <i32>(w & 255);
    negative = (w & 256) !== 0;
    x = <f64>(w >>> 9) * load<f64>(S23 + ((<usize>layer) << 3));
    accepted = x < zx(layer + 1) ? x : finishAttempt(layer, x);
  }
  return negative ? -accepted : accepted;
}

function normal53Slow(layer: i32, x: f64, negative: bool): f64 {
  let accepted = finishAttempt(layer, x);
  while (accepted < 0) {
    const w0 = nextWord();
    const w1 = nextWord();
    layer = <i32>(w0 & 255);
    negative = (w0 & 256) !== 0;
    x = (<f64>(w0 >>> 11) * TWO_32 + <f64>w1) * load<f64>(S53 + ((<usize>layer) << 3));
    accepted = x < zx(layer + 1) ? x : finishAttempt(layer, x);
  }
  return negative ? -accepted : accepted;
}

function normal32General(): f64 {
  const w = nextWord();
  const layer = <i32>(w & 255);
  const x = <f64>(w >>> 9) * load<f64>(S23 + ((<usize>layer) << 3));
  if (x < zx(layer + 1)) return (w & 256) !== 0 ? -x : x;
  return normal32Slow(layer, x, (w & 256) !== 0);
}

function normal53(): f64 {
  const w0 = nextWord();
  const w1 = nextWord();
  const layer = <i32>(w0 & 255);
  const x = (<f64>(w0 >>> 11) * TWO_32 + <f64>w1) * load<f64>(S53 + ((<usize>layer) << 3));
  if (x < zx(layer + 1)) return (w0 & 256) !== 0 ? -x : x;
  return normal53Slow(layer, x, (w0 & 256) !== 0);
}

// ---------------------------------------------------------------- truncated normal

// Plan set by the host (see planTruncated in src/truncated-normal.ts); regime 0 normal, 1 uniform, 2 exponential.
let tRegime: i32 = 0;
let tAlpha: f64 = 0;
let tBeta: f64 = 0;
let tMirrored: bool = false;
let tLambda: f64 = 0;
let tExpMass: f64 = 1;
let tPeak: f64 = 0;

export function setTruncatedPlan(
  regime: i32,
  alpha: f64,
  beta: f64,
  mirrored: i32,
  lambda: f64,
  expMass: f64,
  peak: f64,
): void {
  tRegime = regime;
  tAlpha = alpha;
  tBeta = beta;
  tMirrored = mirrored !== 0;
  tLambda = lambda;
  tExpMass = expMass;
  tPeak = peak;
}

function truncatedStandard(bits32: bool): f64 {
  const alpha = tAlpha;
  const beta = tBeta;
  let z: f64;
  if (tRegime === 0) {
    do z = bits32 ? normal32General() : normal53();
    while (!(z >= alpha && z <= beta));
  } else if (tRegime === 1) {
    const width = beta - alpha;
    const m = tPeak;
    for (;;) {
      z = alpha + width * uniform53();
      const u = uniform53();
      if (u <= detExp(((m - z) * (m + z)) / 2)) break;
    }
  } else {
    const lambda = tLambda;
    const expMass = tExpMass;
    for (;;) {
      z = alpha - detLog(1 - uniform53() * expMass) / lambda;
      const u = uniform53();
      const d = z - lambda;
      if (u <= detExp(-0.5 * d * d)) break;
    }
  }
  if (z < alpha) z = alpha;
  else if (z > beta) z = beta;
  return tMirrored ? -z : z;
}

// ---------------------------------------------------------------- fills
// Each fill writes `count` values for stream indices start .. start + count - 1 into OUT. The caller keeps
// count within one buffer: count + (start mod valuesPerBlock) <= valuesPerBlock * MAX_BLOCKS.

const TAG_NORMAL32: u32 = 0x4e523332;
const TAG_NORMAL53: u32 = 0x4e523533;
// One truncated-normal tag per layout (values per block), as TAG_TRUNCATED_BY_LAYOUT in src/indexed-source.ts.
const TAG_TRUNCATED1: u32 = 0x544e5231;
const TAG_TRUNCATED2: u32 = 0x544e5232;
const TAG_TRUNCATED4: u32 = 0x544e5234;

function prepare(k0: u32, k1: u32, start: u64, count: i32, perBlock: u64): i32 {
  const block = start / perBlock;
  const lane = <i32>(start - block * perBlock);
  const nBlocks = <i32>((<u64>lane + <u64>count + perBlock - 1) / perBlock);
  generate(k0, k1, <u32>block, <u32>(block >> 32), nBlocks);
  return lane;
}

export function uniform32(
  k0: u32,
  k1: u32,
  start: f64,
  count: i32,
  low: f64,
  span: f64,
  minV: f64,
  maxV: f64,
): void {
  const lane = prepare(k0, k1, <u64>start, count, 4);
  const lo = <f32>minV;
  const hi = <f32>maxV;
  const vmin = f32x4.splat(lo);
  const vmax = f32x4.splat(hi);
  // The float32 formula (src/uniform-float32.ts): v = f32(low32 + f32(scale32 * u)), u = w >>> 8 (exact in
  // float32), low32 = f32(low), scale32 = f32(span) * 2^-24 (exact); the double formula when low32 or f32(span)
  // is not finite or scale32 is below the smallest normal float32.
  const low32 = <f32>low;
  const span32 = <f32>span;
  const scale32 = span32 * <f32>TWO_M24;
  const single = abs<f32>(low32) <= F32_MAX && span32 <= F32_MAX && scale32 >= F32_MIN_NORMAL;
  let j = 0;
  if (low === 0 && span === 1) {
    // [0, 1): (w >>> 8) * 2^-24 is exact in float32 and already inside [0, 1 - 2^-24], so the operations
    // below reduce to an exact float32 conversion and scaling (the same bits, fewer instructions).
    const vscale32 = f32x4.splat(<f32>TWO_M24);
    for (; j + 4 <= count; j += 4) {
      const u = i32x4.shr_u(v128.load(WORDS + ((<usize>(lane + j)) << 2)), 8);
      v128.store(OUT + ((<usize>j) << 2), f32x4.mul(f32x4.convert_i32x4_s(u), vscale32));
    }
  }
  if (single) {
    // Four values per step, the same float32 operations as the scalar loop below.
    const vlow32 = f32x4.splat(low32);
    const vscale32 = f32x4.splat(scale32);
    for (; j + 4 <= count; j += 4) {
      const u = i32x4.shr_u(v128.load(WORDS + ((<usize>(lane + j)) << 2)), 8);
      let v = f32x4.add(vlow32, f32x4.mul(vscale32, f32x4.convert_i32x4_s(u)));
      v = v128.bitselect(vmin, v, f32x4.lt(v, vmin));
      v = v128.bitselect(vmax, v, f32x4.gt(v, vmax));
      v128.store(OUT + ((<usize>j) << 2), v);
    }
    for (; j < count; j++) {
      const w = load<u32>(WORDS + ((<usize>(lane + j)) << 2));
      let v = low32 + scale32 * <f32>(<i32>(w >>> 8));
      if (v > hi) v = hi;
      else if (v < lo) v = lo;
      store<f32>(OUT + ((<usize>j) << 2), v);
    }
    return;
  }
  // Double formula, four values per step, the same double operations as the scalar loop below.
  const vlow = f64x2.splat(low);
  const vspan = f64x2.splat(span);
  const vscale = f64x2.splat(TWO_M24);
  for (; j + 4 <= count; j += 4) {
    const u = i32x4.shr_u(v128.load(WORDS + ((<usize>(lane + j)) << 2)), 8);
    const dl = f64x2.convert_low_i32x4_s(u);
    const dh = f64x2.convert_low_i32x4_s(v128.shuffle<i32>(u, u, 2, 3, 2, 3));
    const fl = f32x4.demote_f64x2_zero(f64x2.add(vlow, f64x2.mul(vspan, f64x2.mul(dl, vscale))));
    const fh = f32x4.demote_f64x2_zero(f64x2.add(vlow, f64x2.mul(vspan, f64x2.mul(dh, vscale))));
    let v = v128.shuffle<i32>(fl, fh, 0, 1, 4, 5);
    v = v128.bitselect(vmin, v, f32x4.lt(v, vmin));
    v = v128.bitselect(vmax, v, f32x4.gt(v, vmax));
    v128.store(OUT + ((<usize>j) << 2), v);
  }
  for (; j < count; j++) {
    const w = load<u32>(WORDS + ((<usize>(lane + j)) << 2));
    let v = <f32>(low + span * (<f64>(<i32>(w >>> 8)) * TWO_M24));
    if (<f64>v > maxV) v = hi;
    else if (<f64>v < minV) v = lo;
    store<f32>(OUT + ((<usize>j) << 2), v);
  }
}

export function uniform64(k0: u32, k1: u32, start: f64, count: i32, low: f64, span: f64, maxV: f64): void {
  const lane = prepare(k0, k1, <u64>start, count, 2);
  for (let j = 0; j < count; j++) {
    const p = WORDS + ((<usize>(lane + j)) << 3);
    const v =
      low + span * ((<f64>(<i32>(load<u32>(p) >>> 11)) * TWO_32 + <f64>(<i64>load<u32>(p, 4))) * TWO_M53);
    store<f64>(OUT + ((<usize>j) << 3), v > maxV ? maxV : v);
  }
}

/** One float32 normal value from word lane + j (the scalar form of the loop below). */
function normal32One(k0: u32, k1: u32, s: u64, lane: i32, j: i32, mean: f64, std: f64): void {
  const w = load<u32>(WORDS + ((<usize>(lane + j)) << 2));
  const layer = <i32>(w & 255);
  let z = <f64>(<i32>(w >>> 9)) * load<f64>(S23 + ((<usize>layer) << 3));
  if (z < zx(layer + 1)) {
    z = reinterpret<f64>(reinterpret<u64>(z) ^ ((<u64>(w & 256)) << 55));
  } else {
    resetSource(k0, k1, s + <u64>j, TAG_NORMAL32, 0, 0);
    z = normal32Slow(layer, z, (w & 256) !== 0);
  }
  store<f32>(OUT + ((<usize>j) << 2), <f32>(mean + std * z));
}

export function normal32(k0: u32, k1: u32, start: f64, count: i32, mean: f64, std: f64): void {
  const s = <u64>start;
  const lane = prepare(k0, k1, s, count, 4);
  const vmean = f64x2.splat(mean);
  const vstd = f64x2.splat(std);
  const m255 = i32x4.splat(255);
  const m256 = i32x4.splat(256);
  const zero = i32x4.splat(0);
  let j = 0;
  // Four values per step with the same double operations as normal32One, which redoes the lanes that fail the
  // fast test (about 1.5%).
  for (; j + 4 <= count; j += 4) {
    const w = v128.load(WORDS + ((<usize>(lane + j)) << 2));
    const layer = v128.and(w, m255);
    const l0 = (<usize>i32x4.extract_lane(layer, 0)) << 3;
    const l1 = (<usize>i32x4.extract_lane(layer, 1)) << 3;
    const l2 = (<usize>i32x4.extract_lane(layer, 2)) << 3;
    const l3 = (<usize>i32x4.extract_lane(layer, 3)) << 3;
    const u = i32x4.shr_u(w, 9);
    const sc01 = f64x2.replace_lane(f64x2.splat(load<f64>(S23 + l0)), 1, load<f64>(S23 + l1));
    const sc23 = f64x2.replace_lane(f64x2.splat(load<f64>(S23 + l2)), 1, load<f64>(S23 + l3));
    const th01 = f64x2.replace_lane(f64x2.splat(load<f64>(ZX + 8 + l0)), 1, load<f64>(ZX + 8 + l1));
    const th23 = f64x2.replace_lane(f64x2.splat(load<f64>(ZX + 8 + l2)), 1, load<f64>(ZX + 8 + l3));
    const x01 = f64x2.mul(f64x2.convert_low_i32x4_s(u), sc01);
    const x23 = f64x2.mul(f64x2.convert_low_i32x4_s(v128.shuffle<i32>(u, u, 2, 3, 2, 3)), sc23);
    // All four results are computed and stored; the lanes that failed the fast test are then redone by the scalar
    // path.
    const sign = i32x4.shl(v128.and(w, m256), 23);
    const z01 = v128.xor(x01, v128.shuffle<i32>(zero, sign, 0, 4, 0, 5));
    const z23 = v128.xor(x23, v128.shuffle<i32>(zero, sign, 0, 6, 0, 7));
    const v01 = f32x4.demote_f64x2_zero(f64x2.add(vmean, f64x2.mul(vstd, z01)));
    const v23 = f32x4.demote_f64x2_zero(f64x2.add(vmean, f64x2.mul(vstd, z23)));
    v128.store(OUT + ((<usize>j) << 2), v128.shuffle<i32>(v01, v23, 0, 1, 4, 5));
    const ok = i64x2.bitmask(f64x2.lt(x01, th01)) | (i64x2.bitmask(f64x2.lt(x23, th23)) << 2);
    if (ok !== 15) {
      if ((ok & 1) === 0) normal32One(k0, k1, s, lane, j, mean, std);
      if ((ok & 2) === 0) normal32One(k0, k1, s, lane, j + 1, mean, std);
      if ((ok & 4) === 0) normal32One(k0, k1, s, lane, j + 2, mean, std);
      if ((ok & 8) === 0) normal32One(k0, k1, s, lane, j + 3, mean, std);
    }
  }
  for (; j < count; j++) normal32One(k0, k1, s, lane, j, mean, std);
}

/** One float64 normal value from word pair lane + j (the scalar form of the loop in normal64). */
function normal64One(k0: u32, k1: u32, s: u64, lane: i32, j: i32, mean: f64, std: f64): void {
  const p = WORDS + ((<usize>(lane + j)) << 3);
  const w0 = load<u32>(p);
  const layer = <i32>(w0 & 255);
  let z =
    (<f64>(<i32>(w0 >>> 11)) * TWO_32 + <f64>(<i64>load<u32>(p, 4))) * load<f64>(S53 + ((<usize>layer) << 3));
  if (z < zx(layer + 1)) {
    z = reinterpret<f64>(reinterpret<u64>(z) ^ ((<u64>(w0 & 256)) << 55));
  } else {
    resetSource(k0, k1, s + <u64>j, TAG_NORMAL53, 0, 0);
    z = normal53Slow(layer, z, (w0 & 256) !== 0);
  }
  store<f64>(OUT + ((<usize>j) << 3), mean + std * z);
}

export function normal64(k0: u32, k1: u32, start: f64, count: i32, mean: f64, std: f64): void {
  const s = <u64>start;
  const lane = prepare(k0, k1, s, count, 2);
  const vmean = f64x2.splat(mean);
  const vstd = f64x2.splat(std);
  const v2p32 = f64x2.splat(TWO_32);
  const m256 = i32x4.splat(256);
  const zero = i32x4.splat(0);
  let j = 0;
  // Two values per step (words w0, w1 of each in the i32 lanes 0, 1 and 2, 3) with the same double operations as
  // normal64One: (w0 >>> 11) · 2^32 + w1 is exact, then one product with the layer's scale. The lanes that fail
  // the fast test (about 1.5%) are redone by normal64One.
  for (; j + 2 <= count; j += 2) {
    const w = v128.load(WORDS + ((<usize>(lane + j)) << 3));
    const l0 = (<usize>(i32x4.extract_lane(w, 0) & 255)) << 3;
    const l1 = (<usize>(i32x4.extract_lane(w, 2) & 255)) << 3;
    const high = f64x2.convert_low_i32x4_s(i32x4.shr_u(v128.shuffle<i32>(w, w, 0, 2, 0, 2), 11));
    const low = f64x2.convert_low_i32x4_u(v128.shuffle<i32>(w, w, 1, 3, 1, 3));
    const scale = f64x2.replace_lane(f64x2.splat(load<f64>(S53 + l0)), 1, load<f64>(S53 + l1));
    const threshold = f64x2.replace_lane(f64x2.splat(load<f64>(ZX + 8 + l0)), 1, load<f64>(ZX + 8 + l1));
    const x = f64x2.mul(f64x2.add(f64x2.mul(high, v2p32), low), scale);
    // Bit 8 of w0 becomes the sign bit of its value (bit 31 of the pair's high i32 lane).
    const sign = v128.shuffle<i32>(zero, i32x4.shl(v128.and(w, m256), 23), 0, 4, 0, 6);
    v128.store(OUT + ((<usize>j) << 3), f64x2.add(vmean, f64x2.mul(vstd, v128.xor(x, sign))));
    const ok = i64x2.bitmask(f64x2.lt(x, threshold));
    if (ok !== 3) {
      if ((ok & 1) === 0) normal64One(k0, k1, s, lane, j, mean, std);
      if ((ok & 2) === 0) normal64One(k0, k1, s, lane, j + 1, mean, std);
    }
  }
  for (; j < count; j++) normal64One(k0, k1, s, lane, j, mean, std);
}

function clampStore(j: i32, v: f64, minV: f64, maxV: f64, f32: bool): void {
  v = v < minV ? minV : v > maxV ? maxV : v;
  if (f32) store<f32>(OUT + ((<usize>j) << 2), <f32>v);
  else store<f64>(OUT + ((<usize>j) << 3), v);
}

/** One float32 truncated value from word lane + j (the scalar form of the loop below). */
function truncatedNormal32One(
  k0: u32,
  k1: u32,
  s: u64,
  lane: i32,
  j: i32,
  mean: f64,
  std: f64,
  minV: f64,
  maxV: f64,
): void {
  const p = WORDS + ((<usize>(lane + j)) << 2);
  const w0 = load<u32>(p);
  const layer = <i32>(w0 & 255);
  const x = <f64>(<i32>(w0 >>> 9)) * load<f64>(S23 + ((<usize>layer) << 3));
  let z = reinterpret<f64>(reinterpret<u64>(x) ^ ((<u64>(w0 & 256)) << 55));
  if (!(x < zx(layer + 1) && z >= tAlpha && z <= tBeta)) {
    resetSource(k0, k1, s + <u64>j, TAG_TRUNCATED4, p, 1);
    z = truncatedStandard(true);
  }
  clampStore(j, mean + std * z, minV, maxV, true);
}

/** Normal-rejection regime, float32: one word per value for the first attempt, four values per SIMD step. */
function truncatedNormal32(
  k0: u32,
  k1: u32,
  s: u64,
  count: i32,
  mean: f64,
  std: f64,
  minV: f64,
  maxV: f64,
): void {
  const lane = prepare(k0, k1, s, count, 4);
  const vmean = f64x2.splat(mean);
  const vstd = f64x2.splat(std);
  const vmin = f64x2.splat(minV);
  const vmax = f64x2.splat(maxV);
  const valpha = f64x2.splat(tAlpha);
  const vbeta = f64x2.splat(tBeta);
  const m255 = i32x4.splat(255);
  const m256 = i32x4.splat(256);
  const zero = i32x4.splat(0);
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const w = v128.load(WORDS + ((<usize>(lane + j)) << 2));
    const layer = v128.and(w, m255);
    const l0 = (<usize>i32x4.extract_lane(layer, 0)) << 3;
    const l1 = (<usize>i32x4.extract_lane(layer, 1)) << 3;
    const l2 = (<usize>i32x4.extract_lane(layer, 2)) << 3;
    const l3 = (<usize>i32x4.extract_lane(layer, 3)) << 3;
    const u = i32x4.shr_u(w, 9);
    const sc01 = f64x2.replace_lane(f64x2.splat(load<f64>(S23 + l0)), 1, load<f64>(S23 + l1));
    const sc23 = f64x2.replace_lane(f64x2.splat(load<f64>(S23 + l2)), 1, load<f64>(S23 + l3));
    const th01 = f64x2.replace_lane(f64x2.splat(load<f64>(ZX + 8 + l0)), 1, load<f64>(ZX + 8 + l1));
    const th23 = f64x2.replace_lane(f64x2.splat(load<f64>(ZX + 8 + l2)), 1, load<f64>(ZX + 8 + l3));
    const x01 = f64x2.mul(f64x2.convert_low_i32x4_s(u), sc01);
    const x23 = f64x2.mul(f64x2.convert_low_i32x4_s(v128.shuffle<i32>(u, u, 2, 3, 2, 3)), sc23);
    const sign = i32x4.shl(v128.and(w, m256), 23);
    const z01 = v128.xor(x01, v128.shuffle<i32>(zero, sign, 0, 4, 0, 5));
    const z23 = v128.xor(x23, v128.shuffle<i32>(zero, sign, 0, 6, 0, 7));
    const ok01 = v128.and(f64x2.lt(x01, th01), v128.and(f64x2.ge(z01, valpha), f64x2.le(z01, vbeta)));
    const ok23 = v128.and(f64x2.lt(x23, th23), v128.and(f64x2.ge(z23, valpha), f64x2.le(z23, vbeta)));
    // All four results are computed and stored; the lanes that failed a test are then redone by the scalar path.
    let v01 = f64x2.add(vmean, f64x2.mul(vstd, z01));
    let v23 = f64x2.add(vmean, f64x2.mul(vstd, z23));
    v01 = v128.bitselect(vmin, v01, f64x2.lt(v01, vmin));
    v01 = v128.bitselect(vmax, v01, f64x2.gt(v01, vmax));
    v23 = v128.bitselect(vmin, v23, f64x2.lt(v23, vmin));
    v23 = v128.bitselect(vmax, v23, f64x2.gt(v23, vmax));
    v128.store(
      OUT + ((<usize>j) << 2),
      v128.shuffle<i32>(f32x4.demote_f64x2_zero(v01), f32x4.demote_f64x2_zero(v23), 0, 1, 4, 5),
    );
    const ok = i64x2.bitmask(ok01) | (i64x2.bitmask(ok23) << 2);
    if (ok !== 15) {
      if ((ok & 1) === 0) truncatedNormal32One(k0, k1, s, lane, j, mean, std, minV, maxV);
      if ((ok & 2) === 0) truncatedNormal32One(k0, k1, s, lane, j + 1, mean, std, minV, maxV);
      if ((ok & 4) === 0) truncatedNormal32One(k0, k1, s, lane, j + 2, mean, std, minV, maxV);
      if ((ok & 8) === 0) truncatedNormal32One(k0, k1, s, lane, j + 3, mean, std, minV, maxV);
    }
  }
  for (; j < count; j++) truncatedNormal32One(k0, k1, s, lane, j, mean, std, minV, maxV);
}

/** Normal-rejection regime, float64: two words per value for the first attempt. */
function truncatedNormal64(
  k0: u32,
  k1: u32,
  s: u64,
  count: i32,
  mean: f64,
  std: f64,
  minV: f64,
  maxV: f64,
): void {
  const lane = prepare(k0, k1, s, count, 2);
  const alpha = tAlpha;
  const beta = tBeta;
  for (let j = 0; j < count; j++) {
    const p = WORDS + ((<usize>(lane + j)) << 3);
    const w0 = load<u32>(p);
    const layer = <i32>(w0 & 255);
    const x =
      (<f64>(<i32>(w0 >>> 11)) * TWO_32 + <f64>(<i64>load<u32>(p, 4))) *
      load<f64>(S53 + ((<usize>layer) << 3));
    let z = reinterpret<f64>(reinterpret<u64>(x) ^ ((<u64>(w0 & 256)) << 55));
    if (!(x < zx(layer + 1) && z >= alpha && z <= beta)) {
      resetSource(k0, k1, s + <u64>j, TAG_TRUNCATED2, p, 2);
      z = truncatedStandard(false);
    }
    clampStore(j, mean + std * z, minV, maxV, false);
  }
}

/** Uniform and exponential regimes: a whole block per value. */
function truncatedProposal(
  k0: u32,
  k1: u32,
  s: u64,
  count: i32,
  mean: f64,
  std: f64,
  minV: f64,
  maxV: f64,
  f32: bool,
): void {
  prepare(k0, k1, s, count, 1);
  for (let j = 0; j < count; j++) {
    resetSource(k0, k1, s + <u64>j, TAG_TRUNCATED1, WORDS + ((<usize>j) << 4), 4);
    clampStore(j, mean + std * truncatedStandard(f32), minV, maxV, f32);
  }
}

/** Truncated normal (plan from setTruncatedPlan); float64 results, or float32 when `f32` is nonzero. */
export function truncated(
  k0: u32,
  k1: u32,
  start: f64,
  count: i32,
  mean: f64,
  std: f64,
  minV: f64,
  maxV: f64,
  f32: i32,
): void {
  const s = <u64>start;
  if (tRegime !== 0) truncatedProposal(k0, k1, s, count, mean, std, minV, maxV, f32 !== 0);
  else if (f32 !== 0) truncatedNormal32(k0, k1, s, count, mean, std, minV, maxV);
  else truncatedNormal64(k0, k1, s, count, mean, std, minV, maxV);
}

/** Bernoulli as bytes 0/1. */
export function bernoulli(k0: u32, k1: u32, start: f64, count: i32, prob: f64): void {
  const lane = prepare(k0, k1, <u64>start, count, 2);
  for (let j = 0; j < count; j++) {
    const p = WORDS + ((<usize>(lane + j)) << 3);
    const u = (<f64>(<i32>(load<u32>(p) >>> 11)) * TWO_32 + <f64>(<i64>load<u32>(p, 4))) * TWO_M53;
    store<u8>(OUT + <usize>j, u < prob ? 1 : 0);
  }
}
