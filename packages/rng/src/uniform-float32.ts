/**
 * The float32 uniform transform shared by every float32 uniform fill (all algorithms, WebAssembly and
 * TypeScript):
 *
 *   v = f32(low32 + f32(scale32 * u)),  u = w >>> 8 (an integer below 2^24, exact in float32),
 *   low32 = f32(low),  scale32 = f32(span) * 2^-24 (exact),
 *
 * then clamped into [minV, maxV], the float32 values inside [low, high), so `high` is never returned. One
 * multiply and one add in single precision, which WebAssembly SIMD does four lanes at a time.
 *
 * TypeScript computes each operation in double and rounds it with Math.fround, which gives the float32 result
 * bit for bit: the product of two float32 values (24 significant bits each) is exact in double, and for the sum
 * the double rounding is innocuous because double has 53 >= 2 * 24 + 2 significant bits.
 *
 * The formula applies when low32 and f32(span) are finite and scale32 is a normal float32 (span >= 2^-102).
 * Then scale32 * u < f32(span) <= the largest float32, so the product never overflows, and the scaling by
 * 2^-24 is exact. Outside those cases (|low| or span beyond the float32 range, where an overflowing product
 * would pile values onto the upper bound, or spans so small that a subnormal scale would bias the
 * distribution), which no weight initializer meets, the fills use the double formula
 * f32(low + span * (u * 2^-24)) instead.
 */

/** 2^-24. */
const SCALE24 = 2 ** -24;
/** Smallest normal float32, 2^-126. */
const F32_MIN_NORMAL = 2 ** -126;

/** scale32 = f32(span) * 2^-24 when the float32 formula applies to (low, span), else 0 (use the double formula). */
export function float32UniformScale(low: number, span: number): number {
  const span32 = Math.fround(span);
  const scale32 = span32 * SCALE24;
  return Number.isFinite(Math.fround(low)) && Number.isFinite(span32) && scale32 >= F32_MIN_NORMAL
    ? scale32
    : 0;
}
