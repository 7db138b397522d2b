import { describeValue, InitError } from './errors';

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** True when typed arrays store numbers little-endian, as every supported platform does. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Throws `UNSUPPORTED` on a big-endian host (weights files are little-endian and written from typed arrays). */
export function requireLittleEndian(argument: string): void {
  if (!LITTLE_ENDIAN) {
    throw new InitError(
      'UNSUPPORTED',
      argument,
      'weights files are read and written on little-endian hosts only',
    );
  }
}

/** bfloat16 bits of the float32 with bits `bits` (round to nearest, ties to even; NaN stays a quiet NaN). */
export function bf16FromBits(bits: number): number {
  if ((bits & 0x7fffffff) > 0x7f800000) return ((bits >>> 16) | 0x0040) & 0xffff;
  return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
}

/** IEEE binary16 bits of the float32 with bits `bits` (round to nearest, ties to even, subnormals kept). */
export function f16FromBits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 | (mant >>> 13) : 0);
  const e = exp - 112; // binary16 biased exponent
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const full = mant | 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = full & ((1 << shift) - 1);
    let h = full >>> shift;
    if (rest > half || (rest === half && (h & 1) === 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h++;
  return sign | h;
}

/** float32 bits of the binary16 value with bits `h` (exact). */
export function bitsFromF16(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0x1f) return (sign | 0x7f800000 | (mant << 13)) >>> 0;
  if (exp !== 0) return (sign | ((exp + 112) << 23) | (mant << 13)) >>> 0;
  if (mant === 0) return sign >>> 0;
  F32[0] = mant * 2 ** -24;
  return (sign | (U32[0] as number)) >>> 0;
}

function checkSource(src: unknown, argument: string): Float32Array {
  if (!(src instanceof Float32Array)) {
    throw new InitError('INVALID_ARGUMENT', argument, `must be a Float32Array, got ${describeValue(src)}`);
  }
  return src;
}

function checkHalf(src: unknown, argument: string): Uint16Array {
  if (!(src instanceof Uint16Array)) {
    throw new InitError(
      'INVALID_ARGUMENT',
      argument,
      `must be a Uint16Array of 16-bit patterns, got ${describeValue(src)}`,
    );
  }
  return src;
}

function checkTarget<T extends Uint16Array | Float32Array>(
  out: T | undefined,
  make: (n: number) => T,
  Type: typeof Uint16Array | typeof Float32Array,
  length: number,
): T {
  if (out === undefined) return make(length);
  if (!(out instanceof Type)) {
    throw new InitError('INVALID_ARGUMENT', 'out', `must be a ${Type.name}, got ${describeValue(out)}`);
  }
  if (out.length !== length) {
    throw new InitError('SHAPE_MISMATCH', 'out', `has ${out.length} elements, the source has ${length}`);
  }
  return out;
}

/** The float32 bit patterns as signed 32-bit integers (small integers in V8, so the loops stay in int32 arithmetic). */
function words(src: Float32Array): Int32Array {
  return new Int32Array(src.buffer, src.byteOffset, src.length);
}

/** bfloat16 bits of float32 bits given as an int32 (NaN excluded first, so the add never leaves the int32 range). */
function bf16Word(bits: number): number {
  return (bits & 0x7fffffff) > 0x7f800000
    ? (bits >>> 16) | 0x0040
    : ((bits + 0x7fff + ((bits >> 16) & 1)) | 0) >>> 16;
}

/**
 * Converts float32 values to bfloat16 bit patterns, rounding to nearest with ties to even.
 *
 * Formula: `b = (x_bits + 0x7fff + ((x_bits >> 16) & 1)) >> 16`, the upper half of the float32 after
 * round-to-nearest-even; NaN becomes a quiet NaN of the same sign (never Infinity), values beyond the
 * largest bfloat16 round to ±Infinity as IEEE rounding says. This is how PyTorch's `.to(torch.bfloat16)` rounds.
 *
 * @param src - float32 values
 * @param out - optional destination of the same length (default: a new array)
 * @returns the bit patterns, one Uint16 per value
 * @throws {InitError} `INVALID_ARGUMENT` (argument `src` / `out`) for wrong array types; `SHAPE_MISMATCH`
 *   (argument `out`) for a destination of another length
 * @example
 * ```ts
 * float32ToBfloat16(new Float32Array([1, 1.00390625, -2])); // => new Uint16Array([0x3f80, 0x3f80, 0xc000])
 * ```
 */
export function float32ToBfloat16(src: Float32Array, out?: Uint16Array): Uint16Array {
  const s = checkSource(src, 'src');
  const dst = checkTarget(out, (n) => new Uint16Array(n), Uint16Array, s.length);
  const w = words(s);
  let i = 0;
  if (LITTLE_ENDIAN && dst.byteOffset % 4 === 0) {
    // Two results per 32-bit store (the first in the low half): about a quarter faster than 16-bit stores.
    const pairs = new Uint32Array(dst.buffer, dst.byteOffset, w.length >> 1);
    for (let j = 0; j < pairs.length; j++, i += 2)
      pairs[j] = bf16Word(w[i] as number) | (bf16Word(w[i + 1] as number) << 16);
  }
  for (; i < w.length; i++) dst[i] = bf16Word(w[i] as number);
  return dst;
}

/**
 * Widens bfloat16 bit patterns to float32 values (exact: a bfloat16 is the upper half of a float32).
 *
 * Formula: `x_bits = b << 16`.
 *
 * @param src - bit patterns
 * @param out - optional destination of the same length
 * @returns float32 values
 * @throws {InitError} `INVALID_ARGUMENT` for wrong array types; `SHAPE_MISMATCH` (argument `out`)
 * @example
 * ```ts
 * bfloat16ToFloat32(new Uint16Array([0x3f80, 0xc000])); // => Float32Array [1, -2]
 * ```
 */
export function bfloat16ToFloat32(src: Uint16Array, out?: Float32Array): Float32Array {
  const s = checkHalf(src, 'src');
  const dst = checkTarget(out, (n) => new Float32Array(n), Float32Array, s.length);
  const w = words(dst);
  for (let i = 0; i < s.length; i++) w[i] = (s[i] as number) << 16;
  return dst;
}

/**
 * Converts float32 values to IEEE 754 binary16 (float16) bit patterns, rounding to nearest with ties to even.
 *
 * Formula: the float32 significand is rounded to 10 bits (fewer for binary16 subnormals, below 2^-14) with
 * ties to even; magnitudes from 65520 up become ±Infinity, below 2^-25 they become ±0; NaN stays a quiet NaN.
 * Matches numpy's `astype(np.float16)` and PyTorch's `.half()`.
 *
 * @param src - float32 values
 * @param out - optional destination of the same length
 * @returns the bit patterns
 * @throws {InitError} `INVALID_ARGUMENT` for wrong array types; `SHAPE_MISMATCH` (argument `out`)
 * @example
 * ```ts
 * float32ToFloat16(new Float32Array([1, 65504, 1e-8])); // => new Uint16Array([0x3c00, 0x7bff, 0x0000])
 * ```
 */
export function float32ToFloat16(src: Float32Array, out?: Uint16Array): Uint16Array {
  const s = checkSource(src, 'src');
  const dst = checkTarget(out, (n) => new Uint16Array(n), Uint16Array, s.length);
  const w = words(s);
  for (let i = 0; i < w.length; i++) dst[i] = f16FromBits(w[i] as number);
  return dst;
}

/**
 * Widens IEEE binary16 bit patterns to float32 values (exact).
 *
 * Formula: `(-1)^s · 2^(e-15) · (1 + m/1024)` for normal numbers, `(-1)^s · 2^-24 · m` for subnormals.
 *
 * @param src - bit patterns
 * @param out - optional destination of the same length
 * @returns float32 values
 * @throws {InitError} `INVALID_ARGUMENT` for wrong array types; `SHAPE_MISMATCH` (argument `out`)
 * @example
 * ```ts
 * float16ToFloat32(new Uint16Array([0x3c00, 0x0001])); // => Float32Array [1, 5.960464477539063e-8]
 * ```
 */
export function float16ToFloat32(src: Uint16Array, out?: Float32Array): Float32Array {
  const s = checkHalf(src, 'src');
  const dst = checkTarget(out, (n) => new Float32Array(n), Float32Array, s.length);
  const w = words(dst);
  for (let i = 0; i < s.length; i++) w[i] = bitsFromF16(s[i] as number);
  return dst;
}
