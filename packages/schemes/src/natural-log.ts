/**
 * The natural logarithm from IEEE additions, multiplications and divisions only, so it gives the
 * same bits in every JavaScript engine (`Math.log` may differ in the last bit between engines and
 * versions). Error below 1 ulp.
 *
 * With `x = 2^k · m`, `m` in [sqrt(1/2), sqrt(2)), `f = m − 1` and `s = f / (2 + f)`:
 * `log(1 + f) = 2·atanh(s) = f − f²/2 + s·(f²/2 + R(s²))`, where `R` is a degree-7 polynomial fit of
 * the atanh series (the classic minimax coefficients), and `k·ln 2` is added in two parts so the
 * sum stays exact.
 */

const LN2_HIGH = 0.6931471803691238;
const LN2_LOW = 1.9082149292705877e-10;
const C = [
  0.6666666666666735, 0.3999999999940942, 0.2857142874366239, 0.22222198432149784, 0.1818357216161805,
  0.15313837699209373, 0.14798198605116586,
] as const;

let view: DataView | undefined;

/** `log(x)` for finite `x > 0`; NaN, 0, negatives and infinities follow `Math.log`. */
export function naturalLog(x: number): number {
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) return Math.log(x);
  view ??= new DataView(new ArrayBuffer(8));
  let k = 0;
  let v = x;
  if (v < 2 ** -1022) {
    v *= 2 ** 54;
    k = -54;
  }
  view.setFloat64(0, v);
  const high = view.getUint32(0);
  k += ((high >>> 20) & 0x7ff) - 1023;
  // Mantissa in [1, 2), then moved to [sqrt(1/2), sqrt(2)).
  view.setUint32(0, (high & 0x000fffff) | 0x3ff00000);
  let m = view.getFloat64(0);
  if (m > Math.SQRT2) {
    m *= 0.5;
    k += 1;
  }
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  const r = z * (C[0] + z * (C[1] + z * (C[2] + z * (C[3] + z * (C[4] + z * (C[5] + z * C[6]))))));
  const half = 0.5 * f * f;
  return k * LN2_HIGH - (half - (s * (half + r) + k * LN2_LOW) - f);
}
