/**
 * The logistic sigmoid and tanh of `elementary.ts` over runs of values, with the same bits as the scalar
 * functions. Each of their series is a chain of dependent multiplications and divisions, so one value at a time
 * waits on the divider for every term; here four values run side by side (four independent chains, each with
 * exactly the scalar function's operations in the scalar function's order), so their terms overlap. Values the
 * fast path does not cover (NaN, ±Infinity, results that overflow or underflow) go through the scalar functions.
 *
 * @packageDocumentation
 */
import { exp, expm1, INV_LN2, LN2_HI, LN2_LO, pow2, tanh } from './elementary';

/** exp's fast path: |x| below this keeps 2^k normal (k in [-1021, 1021]), so `e^r · 2^k` is one product. */
const EXP_FAST = 707;

/** pow2(k) = 2^k for k in [-1022, 1023] at index k + 1022, built on first use. */
let POW2: Float64Array | undefined;

function powersOfTwo(): Float64Array {
  if (POW2 === undefined) {
    POW2 = new Float64Array(2046);
    for (let k = -1022; k <= 1023; k++) POW2[k + 1022] = pow2(k);
  }
  return POW2;
}

/** Inputs and results of one row (module scratch, grown on demand; one row runs at a time). */
let inputs = /* @__PURE__ */ new Float64Array(0);
let results = /* @__PURE__ */ new Float64Array(0);
let seriesAt = /* @__PURE__ */ new Int32Array(0);
let expAt = /* @__PURE__ */ new Int32Array(0);

function reserve(n: number): void {
  if (inputs.length >= n) return;
  inputs = new Float64Array(n);
  results = new Float64Array(n);
  seriesAt = new Int32Array(n);
  expAt = new Int32Array(n);
}

/**
 * `results[i] = exp(inputs[i])` for the `count` indices `at[0..count)` (all of them when `at` is undefined,
 * `count` values), four at a time when all four are on exp's fast path: the same reduction, Taylor series and
 * scaling as `exp` (its `scale2` is one product by 2^k there).
 */
function expAll(count: number, at: Int32Array | undefined): void {
  const p2 = powersOfTwo();
  let q = 0;
  for (; q + 4 <= count; q += 4) {
    const i0 = at ? (at[q] as number) : q;
    const i1 = at ? (at[q + 1] as number) : q + 1;
    const i2 = at ? (at[q + 2] as number) : q + 2;
    const i3 = at ? (at[q + 3] as number) : q + 3;
    const x0 = inputs[i0] as number;
    const x1 = inputs[i1] as number;
    const x2 = inputs[i2] as number;
    const x3 = inputs[i3] as number;
    // Negated test so that NaN fails it too.
    if (
      !(
        Math.abs(x0) < EXP_FAST &&
        Math.abs(x1) < EXP_FAST &&
        Math.abs(x2) < EXP_FAST &&
        Math.abs(x3) < EXP_FAST
      )
    ) {
      results[i0] = exp(x0);
      results[i1] = exp(x1);
      results[i2] = exp(x2);
      results[i3] = exp(x3);
      continue;
    }
    const k0 = Math.round(x0 * INV_LN2);
    const k1 = Math.round(x1 * INV_LN2);
    const k2 = Math.round(x2 * INV_LN2);
    const k3 = Math.round(x3 * INV_LN2);
    const r0 = x0 - k0 * LN2_HI - k0 * LN2_LO;
    const r1 = x1 - k1 * LN2_HI - k1 * LN2_LO;
    const r2 = x2 - k2 * LN2_HI - k2 * LN2_LO;
    const r3 = x3 - k3 * LN2_HI - k3 * LN2_LO;
    let t0 = 1;
    let t1 = 1;
    let t2 = 1;
    let t3 = 1;
    let s0 = 1;
    let s1 = 1;
    let s2 = 1;
    let s3 = 1;
    for (let n = 1; n <= 14; n++) {
      t0 = (t0 * r0) / n;
      t1 = (t1 * r1) / n;
      t2 = (t2 * r2) / n;
      t3 = (t3 * r3) / n;
      s0 += t0;
      s1 += t1;
      s2 += t2;
      s3 += t3;
    }
    results[i0] = s0 * (p2[k0 + 1022] as number);
    results[i1] = s1 * (p2[k1 + 1022] as number);
    results[i2] = s2 * (p2[k2 + 1022] as number);
    results[i3] = s3 * (p2[k3 + 1022] as number);
  }
  for (; q < count; q++) {
    const i = at ? (at[q] as number) : q;
    results[i] = exp(inputs[i] as number);
  }
}

/**
 * `results[i] = expm1(inputs[i])` for the `count` indices `at[0..count)`, whose inputs all have |x| < 0.7 (the
 * series branch of `expm1`), four at a time. Its four-chain loop is the one of {@link expAll} with another start
 * and length, written out on purpose: one shared helper (values passed through scratch arrays) made LSTM
 * forward and backward about 10% slower.
 */
function expm1Series(count: number, at: Int32Array): void {
  let q = 0;
  for (; q + 4 <= count; q += 4) {
    const i0 = at[q] as number;
    const i1 = at[q + 1] as number;
    const i2 = at[q + 2] as number;
    const i3 = at[q + 3] as number;
    const x0 = inputs[i0] as number;
    const x1 = inputs[i1] as number;
    const x2 = inputs[i2] as number;
    const x3 = inputs[i3] as number;
    let t0 = x0;
    let t1 = x1;
    let t2 = x2;
    let t3 = x3;
    let s0 = x0;
    let s1 = x1;
    let s2 = x2;
    let s3 = x3;
    for (let n = 2; n <= 20; n++) {
      t0 = (t0 * x0) / n;
      t1 = (t1 * x1) / n;
      t2 = (t2 * x2) / n;
      t3 = (t3 * x3) / n;
      s0 += t0;
      s1 += t1;
      s2 += t2;
      s3 += t3;
    }
    results[i0] = s0;
    results[i1] = s1;
    results[i2] = s2;
    results[i3] = s3;
  }
  for (; q < count; q++) {
    const i = at[q] as number;
    results[i] = expm1(inputs[i] as number);
  }
}

/**
 * `out[outAt + i] = sigmoid(src[at + i]) = 1 / (1 + exp(−src[at + i]))` for `i < n`, the same bits as the
 * scalar form.
 *
 * @example
 * ```ts
 * const out = new Float64Array(2);
 * sigmoidRow(new Float32Array([0, 2]), 0, 2, out, 0); // out = [0.5, 0.8807970779778823]
 * ```
 */
export function sigmoidRow(
  src: Float32Array | Float64Array,
  at: number,
  n: number,
  out: Float64Array,
  outAt: number,
): void {
  reserve(n);
  for (let i = 0; i < n; i++) inputs[i] = -(src[at + i] as number);
  expAll(n, undefined);
  for (let i = 0; i < n; i++) out[outAt + i] = 1 / (1 + (results[i] as number));
}

/**
 * `out[outAt + i] = tanh(src[at + i])` for `i < n`, the same bits as `tanh` of elementary.ts
 * (`expm1(2x) / (expm1(2x) + 2)`, ±1 beyond |x| > 20).
 *
 * @example
 * ```ts
 * const out = new Float64Array(1);
 * tanhRow(new Float32Array([0.5]), 0, 1, out, 0); // out = [0.4621171572600097]
 * ```
 */
export function tanhRow(
  src: Float32Array | Float64Array,
  at: number,
  n: number,
  out: Float64Array,
  outAt: number,
): void {
  reserve(n);
  let series = 0;
  let viaExp = 0;
  for (let i = 0; i < n; i++) {
    const x = src[at + i] as number;
    // Outside (−20, 20) (and NaN) the scalar function decides; inside, expm1(2x) takes one of its two branches.
    if (!(x <= 20 && x >= -20)) {
      results[i] = Number.NaN;
      inputs[i] = x;
      continue;
    }
    const y = 2 * x;
    inputs[i] = y;
    if (Math.abs(y) < 0.7) seriesAt[series++] = i;
    else expAt[viaExp++] = i;
  }
  expm1Series(series, seriesAt);
  expAll(viaExp, expAt);
  for (let q = 0; q < viaExp; q++) {
    const i = expAt[q] as number;
    results[i] = (results[i] as number) - 1;
  }
  for (let i = 0; i < n; i++) {
    const x = src[at + i] as number;
    if (!(x <= 20 && x >= -20)) {
      out[outAt + i] = tanh(x);
      continue;
    }
    const t = results[i] as number;
    out[outAt + i] = t / (t + 2);
  }
}
