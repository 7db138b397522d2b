import { describe, expect, it } from 'vitest';
import {
  block,
  conditionNumber,
  copy,
  dtypeOf,
  effectiveRank,
  eigSym,
  frobeniusNorm,
  gemm,
  get,
  isContiguous,
  isIsometry,
  LinalgError,
  type Matrix,
  matrix,
  maxAbs,
  orthogonalityError,
  qr,
  rank,
  set,
  spectralNorm,
  stableRank,
  svd,
  toArray,
  transpose,
  transposeCopy,
  view,
} from './index';

/** `code:argument` of the LinalgError thrown by `fn`, or a description of what happened instead. */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof LinalgError) return `${e.code}:${e.argument}`;
    return `foreign ${(e as Error).name}: ${(e as Error).message}`;
  }
  return 'no error';
}

const good = { data: new Float64Array(4), rows: 2, cols: 2, offset: 0, rowStride: 2, colStride: 1 };
const hostile = (fields: Partial<Record<keyof typeof good, unknown>>): Matrix =>
  ({ ...good, ...fields }) as unknown as Matrix;

/** Matrix objects that must be rejected, with the code they get. */
const badMatrices: [string, Matrix, string][] = [
  // The reported hang: 1e12 loop iterations over a 1-element buffer.
  [
    '1e6 x 1e6 over one element',
    hostile({ data: new Float64Array(1), rows: 1e6, cols: 1e6, rowStride: 1e6 }),
    'SHAPE_MISMATCH',
  ],
  [
    'zero strides that repeat one element 1e12 times',
    hostile({ data: new Float64Array(1), rows: 1e6, cols: 1e6, rowStride: 0, colStride: 0 }),
    'INVALID_ARGUMENT',
  ],
  ['negative rows', hostile({ rows: -1 }), 'INVALID_ARGUMENT'],
  ['fractional cols', hostile({ cols: 1.5 }), 'INVALID_ARGUMENT'],
  ['NaN rows', hostile({ rows: Number.NaN }), 'INVALID_ARGUMENT'],
  ['infinite cols', hostile({ cols: Number.POSITIVE_INFINITY }), 'INVALID_ARGUMENT'],
  ['rows beyond 2^53', hostile({ rows: 2 ** 60 }), 'INVALID_ARGUMENT'],
  ['BigInt rows', hostile({ rows: 2n }), 'INVALID_ARGUMENT'],
  ['string cols', hostile({ cols: '2' }), 'INVALID_ARGUMENT'],
  ['missing offset', hostile({ offset: undefined }), 'INVALID_ARGUMENT'],
  ['negative offset', hostile({ offset: -1 }), 'INVALID_ARGUMENT'],
  ['fractional offset', hostile({ offset: 0.5 }), 'INVALID_ARGUMENT'],
  ['negative row stride', hostile({ rowStride: -2 }), 'INVALID_ARGUMENT'],
  ['negative column stride', hostile({ colStride: -1 }), 'INVALID_ARGUMENT'],
  ['fractional row stride', hostile({ rowStride: 1.5 }), 'INVALID_ARGUMENT'],
  ['symbol column stride', hostile({ colStride: Symbol('s') }), 'INVALID_ARGUMENT'],
  ['offset past the end', hostile({ offset: 1 }), 'SHAPE_MISMATCH'],
  ['row stride past the end', hostile({ rowStride: 3 }), 'SHAPE_MISMATCH'],
  ['empty view far past the end', hostile({ rows: 0, offset: 99 }), 'SHAPE_MISMATCH'],
  ['plain array data', hostile({ data: [1, 2, 3, 4] }), 'INVALID_ARGUMENT'],
  ['Int32Array data', hostile({ data: new Int32Array(4) }), 'INVALID_ARGUMENT'],
  ['null', null as unknown as Matrix, 'INVALID_ARGUMENT'],
  ['an array', [[1, 2]] as unknown as Matrix, 'INVALID_ARGUMENT'],
  ['a BigInt', 3n as unknown as Matrix, 'INVALID_ARGUMENT'],
  ['a symbol', Symbol('m') as unknown as Matrix, 'INVALID_ARGUMENT'],
  ['an object without a prototype', Object.create(null) as Matrix, 'INVALID_ARGUMENT'],
];

/** Every public function that takes a matrix, with the argument it reports. */
const takers: [string, string, (m: Matrix) => unknown][] = [
  ['dtypeOf', 'm', (m) => dtypeOf(m)],
  ['get', 'm', (m) => get(m, 0, 0)],
  ['set', 'm', (m) => set(m, 0, 0, 1)],
  ['isContiguous', 'm', (m) => isContiguous(m)],
  ['transpose', 'm', (m) => transpose(m)],
  ['block', 'm', (m) => block(m, 0, 0, 0, 0)],
  ['copy', 'm', (m) => copy(m)],
  ['toArray', 'm', (m) => toArray(m)],
  ['transposeCopy', 'a', (m) => transposeCopy(m)],
  ['gemm a', 'a', (m) => gemm(1, m, matrix(2, 2), 0, matrix(2, 2))],
  ['gemm b', 'b', (m) => gemm(1, matrix(2, 2), m, 0, matrix(2, 2))],
  ['gemm c', 'c', (m) => gemm(1, matrix(2, 2), matrix(2, 2), 0, m)],
  ['frobeniusNorm', 'a', (m) => frobeniusNorm(m)],
  ['maxAbs', 'a', (m) => maxAbs(m)],
  ['orthogonalityError', 'q', (m) => orthogonalityError(m)],
  ['isIsometry', 'q', (m) => isIsometry(m)],
  ['qr', 'a', (m) => qr(m)],
  ['svd', 'a', (m) => svd(m)],
  ['eigSym', 'a', (m) => eigSym(m)],
  ['spectralNorm', 'a', (m) => spectralNorm(m)],
  ['conditionNumber', 'a', (m) => conditionNumber(m)],
  ['stableRank', 'a', (m) => stableRank(m)],
  ['effectiveRank', 'a', (m) => effectiveRank(m)],
  ['rank', 'a', (m) => rank(m)],
];

describe('matrices from outside are validated at the boundary', () => {
  for (const [name, argument, call] of takers) {
    it(`${name} rejects every malformed matrix, naming '${argument}'`, () => {
      for (const [label, bad, code] of badMatrices) {
        expect(
          failure(() => call(bad)),
          label,
        ).toBe(`${code}:${argument}`);
      }
    });
  }

  it('the 1e6 x 1e6 matrix over one element is rejected at once (it used to loop 1e12 times)', () => {
    const start = performance.now();
    const huge = hostile({ data: new Float64Array(1), rows: 1e6, cols: 1e6, rowStride: 1e6 });
    expect(() => frobeniusNorm(huge)).toThrow(/needs 1000000000000 elements, data has 1/);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('reads each field once: a getter that changes its answer cannot slip past the check', () => {
    let reads = 0;
    const sly = {
      data: new Float64Array(4),
      get rows() {
        reads++;
        return reads === 1 ? 2 : 1e9;
      },
      cols: 2,
      offset: 0,
      rowStride: 2,
      colStride: 1,
    } as Matrix;
    expect(frobeniusNorm(sly)).toBe(0);
    expect(reads).toBe(1);
  });

  it('accepts every valid view: sub-blocks, transposes, strided and empty views', () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    expect(toArray(view(data, 2, 2, { offset: 1, rowStride: 3 }))).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(toArray(view(data, 3, 2, { rowStride: 1, colStride: 3 }))).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(view(data, 0, 5, { offset: 6 }).cols).toBe(5);
    expect(frobeniusNorm(transpose(view(data, 2, 3)))).toBeCloseTo(Math.sqrt(91), 12);
  });

  it('view reports each layout problem under its own parameter', () => {
    const data = new Float64Array(6);
    expect(failure(() => view(data, 2, 3, { offset: -1 }))).toBe('INVALID_ARGUMENT:offset');
    expect(failure(() => view(data, 2, 3, { rowStride: 0.5 }))).toBe('INVALID_ARGUMENT:rowStride');
    expect(failure(() => view(data, 2, 3, { colStride: Number.NaN }))).toBe('INVALID_ARGUMENT:colStride');
    expect(failure(() => view(data, 2, 3, { offset: 1 }))).toBe('SHAPE_MISMATCH:data');
    expect(failure(() => view(data, 1e6, 1e6, { rowStride: 0, colStride: 0 }))).toBe('INVALID_ARGUMENT:data');
    expect(failure(() => view(data, 0, 3, { offset: 7 }))).toBe('SHAPE_MISMATCH:data');
  });
});
