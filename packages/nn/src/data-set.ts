/**
 * The in-memory data set every loader and generator of `@init/nn` returns.
 *
 * @packageDocumentation
 */

/** Label arrays: class indices (`Int32Array`, `Uint8Array`) or regression targets (`Float32Array`). */
export type Labels = Int32Array | Uint8Array | Float32Array;

/**
 * A labelled data set held as two flat row-major typed arrays whose first axis is the sample.
 *
 * `x` holds `shape[0]` samples of `shape.slice(1)` features each (`x.length = product(shape)`), `y` holds
 * `yShape[0] = shape[0]` targets of `yShape.slice(1)` values each. Class labels are integers in
 * `[0, classes)`; for regression targets `classes` is absent.
 *
 * @example
 * ```ts
 * const data: Dataset = { x: new Float32Array(6), y: new Int32Array([0, 1, 1]), shape: [3, 2], yShape: [3], classes: 2 };
 * data.shape[0]; // => 3 samples
 * ```
 */
export interface Dataset<Y extends Labels = Labels> {
  /** Inputs, row-major over `shape`. */
  readonly x: Float32Array;
  /** Targets, row-major over `yShape`. */
  readonly y: Y;
  /** Shape of `x`, sample axis first, e.g. `[60000, 784]` or `[n, T, 2]`. */
  readonly shape: readonly number[];
  /** Shape of `y`, sample axis first, e.g. `[n]` for class labels or `[n, 1]` for a scalar target. */
  readonly yShape: readonly number[];
  /** Number of classes when `y` holds class indices. */
  readonly classes?: number;
}
