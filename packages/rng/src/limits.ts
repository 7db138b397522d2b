/**
 * Largest number of elements an allocating call creates or `shuffle` accepts: 2^28 (268,435,456), 1 GiB of
 * float32 or 2 GiB of float64 values. Larger requests throw `TOO_LARGE` before anything is allocated.
 *
 * @example
 * ```ts
 * MAX_ELEMENTS; // => 268435456
 * createRng(1).normalArray(MAX_ELEMENTS + 1); // throws RngError TOO_LARGE (argument 'n')
 * ```
 */
export const MAX_ELEMENTS = 2 ** 28;

/**
 * Largest number of children one `split` call creates: 2^16 (65,536). Every child is a generator object with
 * its own derived key, so the cost is linear in the count; fork by name for more streams.
 *
 * @example
 * ```ts
 * MAX_SPLIT; // => 65536
 * createRng(1).split(MAX_SPLIT + 1); // throws RngError TOO_LARGE (argument 'n')
 * ```
 */
export const MAX_SPLIT = 2 ** 16;

/** Largest k that `sample(n, k)` serves with O(k) memory (a map of displaced indices) when n > MAX_ELEMENTS. */
export const MAX_SPARSE_SAMPLE = 2 ** 22;
