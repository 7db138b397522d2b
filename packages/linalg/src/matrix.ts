import { LinalgError } from './errors';

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
      `must be a non-negative integer, got ${String(value)}`,
    );
  }
}

function checkDtype(dtype: unknown): Dtype {
  if (dtype === undefined) return 'float64';
  if (dtype === 'float32' || dtype === 'float64') return dtype;
  throw new LinalgError('INVALID_ARGUMENT', 'dtype', `must be 'float32' or 'float64', got ${String(dtype)}`);
}

/** Allocates a typed array of `length` elements of the given dtype. */
export function allocate(length: number, dtype: Dtype): FloatArray {
  return dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
}

/** The dtype name of a matrix's storage. */
export function dtypeOf(m: Matrix): Dtype {
  return m.data instanceof Float32Array ? 'float32' : 'float64';
}

/**
 * A new `rows x cols` matrix of zeros, row-major and contiguous.
 *
 * @param rows - Number of rows, a non-negative integer.
 * @param cols - Number of columns, a non-negative integer.
 * @param options - `dtype` (default `'float64'`).
 * @throws {LinalgError} `INVALID_ARGUMENT` for negative or fractional sizes or an unknown dtype.
 * @example
 * ```ts
 * const m = matrix(2, 3, { dtype: 'float32' });
 * m.data.length; // => 6
 * ```
 */
export function matrix(rows: number, cols: number, options: AllocOptions = {}): Matrix {
  checkDim(rows, 'rows');
  checkDim(cols, 'cols');
  const dtype = checkDtype(options.dtype);
  return { data: allocate(rows * cols, dtype), rows, cols, offset: 0, rowStride: cols, colStride: 1 };
}

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
 * @throws {LinalgError} `INVALID_ARGUMENT` for bad sizes or strides; `SHAPE_MISMATCH` when the
 * view reaches past the end of `data`.
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
  options: ViewOptions = {},
): Matrix<T> {
  checkDim(rows, 'rows');
  checkDim(cols, 'cols');
  const offset = options.offset ?? 0;
  const rowStride = options.rowStride ?? cols;
  const colStride = options.colStride ?? 1;
  checkDim(offset, 'offset');
  checkDim(rowStride, 'rowStride');
  checkDim(colStride, 'colStride');
  if (rows > 0 && cols > 0) {
    const last = offset + (rows - 1) * rowStride + (cols - 1) * colStride;
    if (last >= data.length) {
      throw new LinalgError(
        'SHAPE_MISMATCH',
        'data',
        `a ${rows} x ${cols} view at offset ${offset} with strides (${rowStride}, ${colStride}) needs ${last + 1} elements, data has ${data.length}`,
      );
    }
  }
  return { data, rows, cols, offset, rowStride, colStride };
}

/** Element `(i, j)` of `m` (no bounds check: for tests, docs and cold paths). */
export function get(m: Matrix, i: number, j: number): number {
  return m.data[m.offset + i * m.rowStride + j * m.colStride] as number;
}

/** Sets element `(i, j)` of `m` (no bounds check: for tests, docs and cold paths). */
export function set(m: Matrix, i: number, j: number, value: number): void {
  m.data[m.offset + i * m.rowStride + j * m.colStride] = value;
}

/** True when `m` is row-major and dense (`colStride = 1`, `rowStride = cols`). */
export function isContiguous(m: Matrix): boolean {
  return m.colStride === 1 && (m.rowStride === m.cols || m.rows <= 1);
}

/**
 * The transpose of `m` as a view sharing its storage (no copy): swaps the strides.
 *
 * @example
 * ```ts
 * const t = transpose(fromArray([[1, 2, 3]]));
 * [t.rows, t.cols, get(t, 2, 0)]; // => [3, 1, 3]
 * ```
 */
export function transpose<T extends FloatArray>(m: Matrix<T>): Matrix<T> {
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
 * @throws {LinalgError} `SHAPE_MISMATCH` when the block does not fit inside `m`.
 * @example
 * ```ts
 * const b = block(fromArray([[1, 2], [3, 4]]), 1, 0, 1, 2);
 * toArray(b); // => [[3, 4]]
 * ```
 */
export function block<T extends FloatArray>(
  m: Matrix<T>,
  row: number,
  col: number,
  rows: number,
  cols: number,
): Matrix<T> {
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
 * A contiguous row-major copy of `m` (of any strides), optionally in another dtype.
 *
 * @example
 * ```ts
 * toArray(copy(transpose(fromArray([[1, 2]])))); // => [[1], [2]]
 * ```
 */
export function copy(m: Matrix, options: AllocOptions = {}): Matrix {
  const dtype = options.dtype === undefined ? dtypeOf(m) : checkDtype(options.dtype);
  const out = allocate(m.rows * m.cols, dtype);
  const { data, offset, rowStride, colStride, rows, cols } = m;
  let k = 0;
  for (let i = 0; i < rows; i++) {
    let p = offset + i * rowStride;
    for (let j = 0; j < cols; j++, p += colStride) out[k++] = data[p] as number;
  }
  return { data: out, rows, cols, offset: 0, rowStride: cols, colStride: 1 };
}

/**
 * Builds a matrix from nested arrays (rows of equal length). For tests and docs.
 *
 * @throws {LinalgError} `SHAPE_MISMATCH` for jagged rows; `INVALID_ARGUMENT` for non-numbers.
 * @example
 * ```ts
 * fromArray([[1, 2], [3, 4]]).data; // => Float64Array [1, 2, 3, 4]
 * ```
 */
export function fromArray(rows: readonly (readonly number[])[], options: AllocOptions = {}): Matrix {
  const dtype = checkDtype(options.dtype);
  const r = rows.length;
  const c = r === 0 ? 0 : (rows[0] as readonly number[]).length;
  const out = allocate(r * c, dtype);
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
    }
  }
  return { data: out, rows: r, cols: c, offset: 0, rowStride: c, colStride: 1 };
}

/**
 * Converts a matrix (any strides) to nested arrays of numbers. For tests and docs.
 *
 * @example
 * ```ts
 * toArray(fromArray([[1, 2], [3, 4]])); // => [[1, 2], [3, 4]]
 * ```
 */
export function toArray(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < m.cols; j++) row.push(get(m, i, j));
    out.push(row);
  }
  return out;
}
