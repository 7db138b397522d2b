/**
 * Deterministic `exp` and `log` built only from IEEE-754 basic operations (+, -, *, /) and exact
 * bit manipulation. `Math.exp`/`Math.log` are not specified to the last bit and differ between
 * JavaScript engines, so every random sampler in this package uses these instead: the same inputs give
 * the same bits in every engine and in WebAssembly. Accuracy is within a few ulp, which is far below
 * what a statistical test of a sampler can see.
 */

let scratch: DataView | undefined;

function view(): DataView {
  scratch ??= new DataView(new ArrayBuffer(8));
  return scratch;
}

const LN2_HI = 0.6931471803691238; // ln 2 with trailing zero bits, so k * LN2_HI is exact
const LN2_LO = 1.9082149292705877e-10; // ln 2 - LN2_HI
const LOG2E = Math.LOG2E;
const SQRT2 = Math.SQRT2;

let powers: Float64Array | undefined;

/** 2^k for an integer k in [-1074, 1023], from a table of exact powers of two built on first use. */
function pow2(k: number): number {
  if (!powers) {
    powers = new Float64Array(2098); // powers[k + 1074] = 2^k, every entry exact (doubling and halving)
    powers[1074] = 1;
    for (let i = 1075; i < 2098; i++) powers[i] = powers[i - 1]! * 2;
    for (let i = 1073; i >= 0; i--) powers[i] = powers[i + 1]! * 0.5;
  }
  return powers[k + 1074]!;
}

/**
 * e^x, deterministic across engines.
 * Formula: x = k ln2 + r with |r| <= ln2/2, e^x = 2^k * (Taylor polynomial of e^r to degree 14, fixed coefficients).
 */
export function detExp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 709.782712893384) return Number.POSITIVE_INFINITY;
  if (x < -745.1332191019412) return 0;
  const k = Math.floor(x * LOG2E + 0.5);
  const r = x - k * LN2_HI - k * LN2_LO;
  // Taylor polynomial of e^r to degree 14 (coefficients 1/n!), Horner form.
  let p = 1.1470745597729725e-11;
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

/**
 * Natural logarithm of a positive finite x, deterministic across engines.
 * Formula: x = m 2^e with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(s) with s = (m-1)/(m+1),
 * atanh as its odd power series to s^25, then log x = e ln2 + log m.
 * Returns -Infinity for 0, NaN for negative or NaN input, +Infinity for +Infinity.
 */
export function detLog(x: number): number {
  if (!(x > 0)) return x === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  const dv = view();
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54
    e = -54;
  }
  dv.setFloat64(0, x);
  const hi = dv.getUint32(0);
  e += ((hi >>> 20) & 0x7ff) - 1023;
  dv.setUint32(0, (hi & 0x800fffff) | 0x3ff00000);
  let m = dv.getFloat64(0);
  if (m > SQRT2) {
    m *= 0.5;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const z = s * s;
  // sum of z^k / (2k + 1) for k = 1..12 (coefficients 1/3 .. 1/25), Horner form.
  let series = 0.04;
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
  return e * LN2_HI + (e * LN2_LO + logm);
}
