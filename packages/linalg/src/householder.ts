import type { FloatArray } from './matrix';
import { norm2 } from './sum-of-squares';

/**
 * Householder reflectors `H = I − τ v vᵀ` with `v[0] = 1`, the building block of QR and of the
 * bidiagonal reduction. Internal: works on Float64Array slices, trusts its caller.
 */

/**
 * Turns `x = x[start .. start + len)` into a reflector in place: afterwards `x[start] = β` and
 * `x[start + 1 ..]` holds `v[1 ..]`, where `(I − τ v vᵀ) x_old = β e₁`. Returns `τ`; `τ = 0`
 * (no reflection) when the tail is already zero, so zero columns never divide by zero.
 *
 * β = −sign(x₀) ‖x‖, τ = (β − x₀)/β, v = x / (x₀ − β).
 */
export function makeReflector(x: FloatArray, start: number, len: number): number {
  if (len <= 1) return 0;
  const tail = norm2(x, start + 1, len - 1);
  if (tail === 0) return 0;
  const alpha = x[start] as number;
  const norm = Math.hypot(alpha, tail);
  const beta = alpha >= 0 ? -norm : norm;
  const tau = (beta - alpha) / beta;
  const denom = alpha - beta;
  const end = start + len;
  const inv = 1 / denom;
  if (Number.isFinite(inv) && Math.abs(denom) > 1e-290) {
    for (let i = start + 1; i < end; i++) x[i] = (x[i] as number) * inv;
  } else {
    for (let i = start + 1; i < end; i++) x[i] = (x[i] as number) / denom;
  }
  x[start] = beta;
  if (x instanceof Float32Array) {
    // The stored v is rounded to float32: take τ = 2 / (vᵀv) of the stored v, so that the
    // reflector applied later is exactly orthogonal for the v it uses.
    let vv = 1;
    for (let i = start + 1; i < end; i++) vv += (x[i] as number) * (x[i] as number);
    return 2 / vv;
  }
  return tau;
}
