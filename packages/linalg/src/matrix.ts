import { describe } from './describe';
import { LinalgError } from './errors';
import { checkElementCount, zeros } from './limits';
import { checkLayout, checkMatrix } from './matrix-check';
import { readOptions } from './options';

/** Element storage of a matrix: single or double precision, never a jagged array. */
export type FloatArray = Float32Array | Float64Array;

/** Element type names, as in the rest of init. */
export type Dtype = 'float32' | 'float64';

/**
 * A dense matrix view over a typed array. Element `(i, j)` lives at
 * `data[offset + i * rowStride + j * colStride]`. A freshly allocated matrix is row-major
 * and contiguous (`rowStride = cols`, `colStride = 1`, `offset = 0`); views (sub-blocks,
 * transposes) share `data` and only change `offset` and the strides.
 */
export interface Matrix<T extends FloatArray = FloatArray> {
  readonly data: T;
  readonly rows: number;
  readonly cols: number;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/** Options for functions that allocate a matrix. */
export interface AllocOptions {
  /** Element type of the new matrix. Default `'float64'`. */
  dtype?: Dtype;
}

function checkDim(value: number, argument: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      argument,
      `must be a non-negative integer, got ${describe(value)}`,
    );
  }
}

function checkDtype(dtype: unknown, required = false): Dtype {
  if (dtype === undefined && !required) return 'float64';
  if (dtype === 'float32' || dtype === 'float64') return dtype;
  throw new LinalgError(
    'INVALID_ARGUMENT',
    'dtype',
    `must be 'float32' or 'float64', got ${describe(dtype)}`,
  );
}

/**
 * Throws `NOT_FINITE` when a finite `value` became ±Infinity on being stored (a float64 number
 * beyond the float32 range, about 3.4e38, written to float32 storage). Internal.
 */
export function checkRounded(stored: number, value: number, argument: string, what: string): void {
  if (stored - stored !== 0 && value - value === 0) {
    throw new LinalgError(
      'NOT_FINITE',
      argument,
      `${what}${describe(value)} is beyond the float32 range (about ±3.4e38) and would become ${describe(stored)}`,
    );
  }
}

/**
 * A zero-filled typed array of `length` elements of the given dtype (storage for a matrix).
 *
 * Cost: `length` zero writes (done by the typed-array constructor).
 *
 * @param length - Number of elements, a non-negative integer, at most 2^30.
 * @param dtype - `'float32'` or `'float64'` (required: there is no default).
 * @throws {LinalgError} `INVALID_ARGUMENT` for a negative or fractional length or an unknown or
 * missing dtype; `TOO_LARGE` for more than 2^30 elements or when the runtime cannot allocate them
 * (checked before allocating).
 * @example
 * ```ts
 * allocate(3, 'float32') instanceof Float32Array; // => true
 * allocate(3, 'float64').length; // => 3
 * ```
 */
export function allocate(length: number, dtype: Dtype): FloatArray {
  checkDim(length, 'length');
  return zeros(length, checkDtype(dtype, true) === 'float32', 'length', 'the array');
}

/**
 * The dtype name of a matrix's storage: `'float32'` for a `Float32Array`, else `'float64'`.
 *
 * Cost: `O(1)`.
 *
 * @throws {LinalgError} `INVALID_ARGUMENT` when `m` is not a matrix.
 * @example
 * ```ts
 * dtypeOf(matrix(2, 2, { dtype: 'float32' })); // => 'float32'
 * ```
 */
export function dtypeOf(m: Matrix): Dtype {
  return checkMatrix(m, 'm').data instanceof Float32Array ? 'float32' : 'float64';
}

/**
 * A new `rows x cols` matrix of zeros, row-major and contiguous.
 *
 * Cost: `rows * cols` zero writes.
 *
 * @param rows - Number of rows, a non-negative integer.
 * @param cols - Number of columns, a non-negative integer.
 * @param options - `dtype` (default `'float64'`).
 * @throws {LinalgError} `INVALID_ARGUMENT` for negative or fractional sizes, unknown option keys
 * or an unknown dtype; `TOO_LARGE` (before allocating) for more than 2^30 elements.
 * @example
 * ```ts
 * const m = matrix(2, 3, { dtype: 'float32' });
 * m.data.length; // => 6
 * ```
 */
export function matrix(rows: number, cols: number, options?: AllocOptions): Matrix {
  checkDim(rows, 'rows');
  checkDim(cols, 'cols');
  const dtype = checkDtype(readOptions(options, 'options', ALLOC_KEYS).dtype);
  const data = zeros(rows * cols, dtype === 'float32', 'rows', `a ${rows} x ${cols} matrix`);
  return { data, rows, cols, offset: 0, rowStride: cols, colStride: 1 };
}

const ALLOC_KEYS = ['dtype'] as const;
const VIEW_KEYS = ['offset', 'rowStride', 'colStride'] as const;

/** Options for wrapping an existing typed array as a matrix. */
export interface ViewOptions {
  /** Index of element (0, 0). Default 0. */
  offset?: number;
  /** Distance between rows. Default `cols` (row-major). */
  rowStride?: number;
  /** Distance between columns. Default 1. */
  colStride?: number;
}

/**
 * Wraps an existing typed array as a `rows x cols` matrix without copying.
 *
 * Element `(i, j)` is `data[offset + i * rowStride + j * colStride]`. Cost: `O(1)` (no copy).
 *
 * @param data - A `Float32Array` or `Float64Array`.
 * @param rows - Number of rows, a non-negative integer.
 * @param cols - Number of columns, a non-negative integer.
 * @param options - `offset` (default 0), `rowStride` (default `cols`), `colStride` (default 1).
 * @throws {LinalgError} `INVALID_ARGUMENT` when `data` is not a `Float32Array` or `Float64Array`,
 * or for bad sizes or strides; `SHAPE_MISMATCH` when the view reaches past the end of `data`.
 * @example
 * ```ts
 * const m = view(new Float64Array([1, 2, 3, 4, 5, 6]), 2, 3);
 * get(m, 1, 0); // => 4
 * ```
 */
export function view<T extends FloatArray>(
  data: T,
  rows: number,
  cols: number,
  options?: ViewOptions,
): Matrix<T> {
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'data',
      `must be a Float32Array or a Float64Array, got ${describe(data)}`,
    );
  }
  checkDim(rows, 'rows');
  checkDim(cols, 'cols');
  const o = readOptions(options, 'options', VIEW_KEYS);
  const offset = o.offset ?? 0;
  const rowStride = o.rowStride ?? cols;
  const colStride = o.colStride ?? 1;
  return checkLayout(data, { rows, cols, offset, rowStride, colStride }, VIEW_NAMES) as Matrix<T>;
}

/** {@link view} reports each layout problem under its own parameter. */
const VIEW_NAMES = {
  data: 'data',
  rows: 'rows',
  cols: 'cols',
  offset: 'offset',
  rowStride: 'rowStride',
  colStride: 'colStride',
} as const;

function checkIndex(value: Matrix, i: number, j: number): Matrix {
  const m = checkMatrix(value, 'm');
  if (!Number.isSafeInteger(i) || i < 0 || i >= m.rows) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'i',
      `must be an integer in [0, ${m.rows}), got ${describe(i)}`,
    );
  }
  if (!Number.isSafeInteger(j) || j < 0 || j >= m.cols) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'j',
      `must be an integer in [0, ${m.cols}), got ${describe(j)}`,
    );
  }
  return m;
}

/**
 * Element `(i, j)` of `m`, bounds-checked (for tests, docs and cold paths; hot loops index
 * `data` directly).
 *
 * `m[i, j] = data[offset + i * rowStride + j * colStride]`. Cost: `O(1)`.
 *
 * @throws {LinalgError} `INVALID_ARGUMENT` when `m` is not a matrix or `i`, `j` is not an
 * integer index inside it.
 * @example
 * ```ts
 * get(fromArray([[1, 2], [3, 4]]), 1, 0); // => 3
 * ```
 */
export function get(value: Matrix, i: number, j: number): number {
  const m = checkIndex(value, i, j);
  return m.data[m.offset + i * m.rowStride + j * m.colStride] as number;
}

/**
 * Sets element `(i, j)` of `m`, bounds-checked (for tests, docs and cold paths). A float32
 * matrix stores `value` rounded to float32; NaN and ±Infinity are stored as given.
 *
 * Cost: `O(1)`.
 *
 * @throws {LinalgError} `INVALID_ARGUMENT` when `m` is not a matrix, `i`, `j` is not an integer
 * index inside it, or `value` is not a number.
 * @example
 * ```ts
 * const m = matrix(2, 2);
 * set(m, 0, 1, 5);
 * toArray(m); // => [[0, 5], [0, 0]]
 * ```
 */
export function set(matrixValue: Matrix, i: number, j: number, value: number): void {
  const m = checkIndex(matrixValue, i, j);
  if (typeof value !== 'number') {
    throw new LinalgError('INVALID_ARGUMENT', 'value', `must be a number, got ${describe(value)}`);
  }
  const at = m.offset + i * m.rowStride + j * m.colStride;
  m.data[at] = value;
  checkRounded(m.data[at] as number, value, 'value', '');
}

/**
 * True when `m` is row-major and dense (`colStride = 1` and `rowStride = cols`, or a single
 * row), so that `data.subarray(offset, offset + rows * cols)` holds exactly its elements.
 *
 * Cost: `O(1)`.
 *
 * @throws {LinalgError} `INVALID_ARGUMENT` when `m` is not a matrix.
 * @example
 * ```ts
 * isContiguous(matrix(2, 3)); // => true
 * isContiguous(transpose(matrix(2, 3))); // => false
 * ```
 */
export function isContiguous(value: Matrix): boolean {
  const m = checkMatrix(value, 'm');
  return m.colStride === 1 && (m.rowStride === m.cols || m.rows <= 1);
}

/**
 * The transpose of `m` as a view sharing its storage (no copy): swaps the strides.
 *
 * `Mᵀ[i, j] = M[j, i]`. Cost: `O(1)`.
 *
 * @throws {LinalgError} `INVALID_ARGUMENT` when `m` is not a matrix.
 * @example
 * ```ts
 * const t = transpose(fromArray([[1, 2, 3]]));
 * [t.rows, t.cols, get(t, 2, 0)]; // => [3, 1, 3]
 * ```
 */
export function transpose<T extends FloatArray>(value: Matrix<T>): Matrix<T> {
  const m = checkMatrix(value, 'm') as Matrix<T>;
  return {
    data: m.data,
    rows: m.cols,
    cols: m.rows,
    offset: m.offset,
    rowStride: m.colStride,
    colStride: m.rowStride,
  };
}

/**
 * The `rows x cols` sub-block of `m` starting at `(row, col)`, as a view (no copy).
 *
 * `B[i, j] = M[row + i, col + j]`. Cost: `O(1)`.
 *
 * @throws {LinalgError} `INVALID_ARGUMENT` when `m` is not a matrix or a position or size is not a
 * non-negative integer; `SHAPE_MISMATCH` when the block does not fit inside `m`.
 * @example
 * ```ts
 * const b = block(fromArray([[1, 2], [3, 4]]), 1, 0, 1, 2);
 * toArray(b); // => [[3, 4]]
 * ```
 */
export function block<T extends FloatArray>(
  value: Matrix<T>,
  row: number,
  col: number,
  rows: number,
  cols: number,
): Matrix<T> {
  const m = checkMatrix(value, 'm') as Matrix<T>;
  for (const [v, name] of [
    [row, 'row'],
    [col, 'col'],
    [rows, 'rows'],
    [cols, 'cols'],
  ] as const) {
    checkDim(v, name);
  }
  if (row + rows > m.rows || col + cols > m.cols) {
    throw new LinalgError(
      'SHAPE_MISMATCH',
      'block',
      `a ${rows} x ${cols} block at (${row}, ${col}) does not fit in a ${m.rows} x ${m.cols} matrix`,
    );
  }
  return {
    data: m.data,
    rows,
    cols,
    offset: m.offset + row * m.rowStride + col * m.colStride,
    rowStride: m.rowStride,
    colStride: m.colStride,
  };
}

/**
 * A contiguous row-major copy of `m` (of any strides), optionally in another dtype. Values are
 * copied as they are (NaN and ±Infinity included; float64 to float32 rounds to nearest).
 *
 * Cost: `rows * cols` reads and writes.
 *
 * @param options - `dtype` (default: the dtype of `m`).
 * @throws {LinalgError} `INVALID_ARGUMENT` when `m` is not a matrix or for an unknown dtype.
 * @example
 * ```ts
 * toArray(copy(transpose(fromArray([[1, 2]])))); // => [[1], [2]]
 * ```
 */
export function copy(value: Matrix, options?: AllocOptions): Matrix {
  const m = checkMatrix(value, 'm');
  const requested = readOptions(options, 'options', ALLOC_KEYS).dtype;
  const dtype = requested === undefined ? dtypeOf(m) : checkDtype(requested);
  const out = allocate(m.rows * m.cols, dtype);
  const { data, offset, rowStride, colStride, rows, cols } = m;
  let k = 0;
  for (let i = 0; i < rows; i++) {
    let p = offset + i * rowStride;
    for (let j = 0; j < cols; j++, p += colStride, k++) {
      const v = data[p] as number;
      out[k] = v;
      checkRounded(out[k] as number, v, 'm', `entry (${i}, ${j}) `);
    }
  }
  return { data: out, rows, cols, offset: 0, rowStride: cols, colStride: 1 };
}

/**
 * Builds a row-major matrix from nested arrays (rows of equal length). For tests and docs.
 * Values are stored as given (NaN and ±Infinity included); `[]` gives a `0 x 0` matrix.
 *
 * Cost: `rows * cols` reads and writes.
 *
 * @param rows - Array of rows, each an array of numbers of the same length.
 * @param options - `dtype` (default `'float64'`).
 * @throws {LinalgError} `SHAPE_MISMATCH` for jagged rows; `INVALID_ARGUMENT` when `rows` or a row
 * is not an array, for non-numbers, or for an unknown dtype; `TOO_LARGE` (before allocating) for
 * more than 2^30 elements.
 * @example
 * ```ts
 * Array.from(fromArray([[1, 2], [3, 4]]).data); // => [1, 2, 3, 4]
 * ```
 */
export function fromArray(rows: readonly (readonly number[])[], options?: AllocOptions): Matrix {
  const dtype = checkDtype(readOptions(options, 'options', ALLOC_KEYS).dtype);
  if (!Array.isArray(rows)) {
    throw new LinalgError('INVALID_ARGUMENT', 'rows', 'must be an array of rows (arrays of numbers)');
  }
  const r = rows.length;
  for (let i = 0; i < r; i++) {
    if (!Array.isArray(rows[i])) {
      throw new LinalgError('INVALID_ARGUMENT', 'rows', `row ${i} is not an array of numbers`);
    }
  }
  const c = r === 0 ? 0 : (rows[0] as readonly number[]).length;
  checkElementCount(r * c, 'rows', `a ${r} x ${c} matrix`);
  for (let i = 0; i < r; i++) {
    const length = (rows[i] as readonly number[]).length;
    if (length !== c) {
      throw new LinalgError('SHAPE_MISMATCH', 'rows', `row ${i} has ${length} entries, row 0 has ${c}`);
    }
  }
  const out = zeros(r * c, dtype === 'float32', 'rows', `a ${r} x ${c} matrix`);
  for (let i = 0; i < r; i++) {
    const row = rows[i] as readonly number[];
    if (row.length !== c) {
      throw new LinalgError('SHAPE_MISMATCH', 'rows', `row ${i} has ${row.length} entries, row 0 has ${c}`);
    }
    for (let j = 0; j < c; j++) {
      const v = row[j];
      if (typeof v !== 'number') {
        throw new LinalgError('INVALID_ARGUMENT', 'rows', `entry (${i}, ${j}) is not a number`);
      }
      out[i * c + j] = v;
      checkRounded(out[i * c + j] as number, v, 'rows', `entry (${i}, ${j}) `);
    }
  }
  return { data: out, rows: r, cols: c, offset: 0, rowStride: c, colStride: 1 };
}

/**
 * Converts a matrix (any strides) to nested arrays of numbers (row `i` is `out[i]`). For tests
 * and docs.
 *
 * Cost: `rows * cols` reads.
 *
 * @throws {LinalgError} `INVALID_ARGUMENT` when `m` is not a matrix.
 * @example
 * ```ts
 * toArray(fromArray([[1, 2], [3, 4]])); // => [[1, 2], [3, 4]]
 * ```
 */
export function toArray(value: Matrix): number[][] {
  const m = checkMatrix(value, 'm');
  const { data, offset, rowStride, colStride } = m;
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < m.cols; j++) row.push(data[offset + i * rowStride + j * colStride] as number);
    out.push(row);
  }
  return out;
}
