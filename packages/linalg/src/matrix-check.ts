import { describe } from './describe';
import { LinalgError } from './errors';
import type { FloatArray, Matrix } from './matrix';

/** Argument names under which {@link checkLayout} reports each field of a layout. */
export interface LayoutNames {
  readonly data: string;
  readonly rows: string;
  readonly cols: string;
  readonly offset: string;
  readonly rowStride: string;
  readonly colStride: string;
}

const FIELDS = ['rows', 'cols', 'offset', 'rowStride', 'colStride'] as const;

/** Names for a matrix passed as one argument: every problem is reported under that argument. */
const sameName = (argument: string): LayoutNames => ({
  data: argument,
  rows: argument,
  cols: argument,
  offset: argument,
  rowStride: argument,
  colStride: argument,
});

/**
 * Checks a strided layout over `data` and returns it as a fresh plain matrix: `rows`, `cols`,
 * `offset`, `rowStride` and `colStride` must be non-negative safe integers, the view may not hold
 * more elements than `data` (`rows · cols ≤ data.length`, which bounds the work of every call
 * by the size of its storage), and its last element
 * `offset + (rows − 1) rowStride + (cols − 1) colStride` must lie inside `data` (for an empty
 * view, `offset ≤ data.length`). This is the one check every public function applies to a
 * matrix it is given; internal code then trusts the returned view. Cost `O(1)`.
 *
 * @throws {LinalgError} `INVALID_ARGUMENT` for a field that is not a non-negative safe integer,
 * or for a view with more elements than its storage; `SHAPE_MISMATCH` when it reaches past the
 * end of `data`.
 */
export function checkLayout(
  data: FloatArray,
  fields: Readonly<Record<(typeof FIELDS)[number], unknown>>,
  names: LayoutNames,
): Matrix {
  for (const f of FIELDS) {
    const v = fields[f];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new LinalgError(
        'INVALID_ARGUMENT',
        names[f],
        `${f} must be a non-negative safe integer, got ${describe(v)}`,
      );
    }
  }
  const { rows, cols, offset, rowStride, colStride } = fields as Record<(typeof FIELDS)[number], number>;
  const last = rows > 0 && cols > 0 ? offset + (rows - 1) * rowStride + (cols - 1) * colStride : offset - 1;
  if (last >= data.length) {
    throw new LinalgError(
      'SHAPE_MISMATCH',
      names.data,
      `a ${rows} x ${cols} view at offset ${offset} with strides (${rowStride}, ${colStride}) needs ${last + 1} elements, data has ${data.length}`,
    );
  }
  if (rows * cols > data.length) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      names.data,
      `a ${rows} x ${cols} view has more elements than its storage holds (${data.length}); zero or overlapping strides cannot make a matrix larger than its data`,
    );
  }
  return { data, rows, cols, offset, rowStride, colStride };
}

/**
 * Validates a matrix that comes from outside the package and returns a fresh plain view of it
 * (each field read exactly once, so later code never sees a getter or a changed object):
 * `data` must be a `Float32Array` or `Float64Array` and the layout must pass {@link checkLayout}.
 * Every problem is reported under `argument`. Cost `O(1)`.
 *
 * @throws {LinalgError} `INVALID_ARGUMENT` when `value` is not such a matrix; `SHAPE_MISMATCH`
 * when its view reaches past the end of its data.
 */
export function checkMatrix(value: unknown, argument: string): Matrix {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      argument,
      `must be a Matrix ({ data: Float32Array | Float64Array, rows, cols, offset, rowStride, colStride }), got ${describe(value)}`,
    );
  }
  const m = value as Record<string, unknown>;
  const data = m.data;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      argument,
      `data must be a Float32Array or a Float64Array, got ${describe(data)}`,
    );
  }
  return checkLayout(
    data,
    { rows: m.rows, cols: m.cols, offset: m.offset, rowStride: m.rowStride, colStride: m.colStride },
    sameName(argument),
  );
}
