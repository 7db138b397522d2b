/**
 * Exact scaling by powers of two, the way LAPACK keeps its factorizations away from overflow and
 * underflow: multiplying by `2^e` changes only the exponent of a number, so no rounding is
 * introduced (unless the result leaves the normal range). Internal.
 */

/** `x · 2^e` for any integer `e` (in steps that stay in range, so it is exact whenever the result is a normal number). */
export function ldexp(x: number, e: number): number {
  let y = x;
  let k = e;
  while (k > 1000) {
    y *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    y *= 2 ** -1000;
    k += 1000;
  }
  return y * 2 ** k;
}

/** The exponent `k` with `2^k ≤ x < 2^(k+1)` for a finite `x > 0` (subnormals included). */
export function exponentOf(x: number): number {
  let k = Math.floor(Math.log2(x));
  // log2 may be off by one near powers of two: correct it exactly.
  if (ldexp(1, k) > x) k--;
  else if (ldexp(1, k + 1) <= x) k++;
  return k;
}

/**
 * The power-of-two exponent `e` that brings `big = max|a_ij|` to `[1, 2)` when `big` lies
 * outside `[2^lo, 2^hi]`, else 0 (matrices of ordinary magnitude are left exactly as they are).
 * 0 for `big = 0` or a non-finite `big`.
 */
export function scaleExponent(big: number, lo: number, hi: number): number {
  if (!(big > 0) || !Number.isFinite(big)) return 0;
  if (big >= 2 ** lo && big <= 2 ** hi) return 0;
  return -exponentOf(big);
}

/** Multiplies `x[start .. end)` by `2^e` in place (at most two multiplications per entry). */
export function scaleInPlace2(x: Float32Array | Float64Array, start: number, end: number, e: number): void {
  if (e === 0) return;
  const first = Math.max(-1000, Math.min(1000, e));
  const f1 = 2 ** first;
  const f2 = 2 ** (e - first);
  if (f2 === 1) {
    for (let i = start; i < end; i++) x[i] = (x[i] as number) * f1;
  } else {
    for (let i = start; i < end; i++) x[i] = (x[i] as number) * f1 * f2;
  }
}

/** Safe range of the largest magnitude for float64 work (squares of sums stay far from overflow and underflow). */
export const F64_SAFE: readonly [number, number] = [-200, 200];
/** Safe range of the largest magnitude for float32 work. */
export const F32_SAFE: readonly [number, number] = [-50, 50];
