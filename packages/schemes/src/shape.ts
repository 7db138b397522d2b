import { describeValue, InitError } from './errors';

/** A tensor shape: non-negative integer dimensions, row-major. `[]` is a scalar. */
export type Shape = readonly number[];

/**
 * Validates a shape and returns a plain copy of it.
 *
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'shape'`) for a non-array or a dimension that is
 * negative, fractional, non-finite or above 2^53.
 */
export function checkShape(shape: unknown, argument = 'shape'): number[] {
  if (!Array.isArray(shape)) {
    throw new InitError(
      'INVALID_ARGUMENT',
      argument,
      `must be an array of non-negative integers, got ${describeValue(shape)}`,
    );
  }
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    const d: unknown = shape[i];
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new InitError(
        'INVALID_ARGUMENT',
        argument,
        `dimension ${i} must be a non-negative integer, got ${describeValue(d)}`,
      );
    }
    out.push(d + 0); // -0 becomes 0
  }
  return out;
}

/** Number of elements of a (validated) shape; 1 for a scalar. */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Product of `shape[from..to)`. */
export function prod(shape: readonly number[], from = 0, to = shape.length): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= shape[i] as number;
  return n;
}

/** Throws `SHAPE_MISMATCH` unless the rank lies in `[min, max]`. */
export function requireRank(shape: readonly number[], min: number, max: number, scheme: string): void {
  if (shape.length < min || shape.length > max) {
    const allowed =
      min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `>= ${min}` : `${min} to ${max}`;
    throw new InitError(
      'SHAPE_MISMATCH',
      'shape',
      `${scheme} needs a tensor of rank ${allowed}, got rank ${shape.length} ([${shape.join(', ')}])`,
    );
  }
}
