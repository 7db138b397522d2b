/**
 * True when every value of `values` is finite (no NaN, no ±Infinity).
 *
 * One pass with four independent sums of `v · 0`: a finite `v` adds ±0, a NaN or an infinity
 * makes its sum NaN, so the total is 0 exactly when all values are finite. No early exit and no
 * branch per element, which makes it several times faster than a `Number.isFinite` loop on the
 * parameter and gradient arrays `fit` checks at every step. Cost: `n` multiplications and
 * additions, no allocation.
 */
export function allFiniteValues(values: Float32Array): boolean {
  const n = values.length;
  const n4 = n - (n % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n4; i += 4) {
    s0 += (values[i] as number) * 0;
    s1 += (values[i + 1] as number) * 0;
    s2 += (values[i + 2] as number) * 0;
    s3 += (values[i + 3] as number) * 0;
  }
  for (let i = n4; i < n; i++) s0 += (values[i] as number) * 0;
  return s0 + s1 + s2 + s3 === 0;
}
