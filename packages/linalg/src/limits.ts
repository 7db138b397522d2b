import { LinalgError } from './errors';

/**
 * Most elements one matrix or vector of `@init/linalg` may hold: 2^30 (4 GiB of float32, 8 GiB
 * of float64), the limit `@init/schemes` applies to tensors too. Larger requests throw
 * `TOO_LARGE` before anything is allocated.
 */
export const MAX_ELEMENTS = 2 ** 30;

/**
 * Throws `TOO_LARGE` (naming `argument`) when `count` elements exceed {@link MAX_ELEMENTS};
 * `what` describes the array in the message ("a 70000 x 70000 matrix").
 */
export function checkElementCount(count: number, argument: string, what: string): void {
  if (count > MAX_ELEMENTS) {
    throw new LinalgError(
      'TOO_LARGE',
      argument,
      `${what} would hold ${count} elements; at most ${MAX_ELEMENTS} (2^30) can be allocated`,
    );
  }
}

/**
 * A zero-filled `Float32Array` or `Float64Array` of `length` elements, after checking the
 * element limit; a failed allocation (the runtime is out of memory) becomes `TOO_LARGE` too.
 */
export function zeros(
  length: number,
  f32: boolean,
  argument: string,
  what: string,
): Float32Array | Float64Array {
  checkElementCount(length, argument, what);
  try {
    return f32 ? new Float32Array(length) : new Float64Array(length);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new LinalgError(
      'TOO_LARGE',
      argument,
      `${what} (${length} elements of ${f32 ? 4 : 8} bytes) could not be allocated: ${e.message}`,
    );
  }
}
