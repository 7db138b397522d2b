import { describe, expect, it } from 'vitest';
import * as api from './index';
import {
  allocate,
  applyBlockReflectors,
  block,
  conditionNumber,
  copy,
  diagonal,
  dtypeOf,
  effectiveRank,
  eigSym,
  eigSymTridiagonal,
  frobeniusNorm,
  fromArray,
  gemm,
  gemmBackend,
  get,
  hadamard,
  identity,
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
  setGemmBackend,
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
    return `foreign ${(e as Error).name}`;
  }
  return 'no error';
}

/** A plain object that looks like a matrix but holds a plain array. */
const notMatrix = {
  data: [1, 2],
  rows: 1,
  cols: 2,
  offset: 0,
  rowStride: 2,
  colStride: 1,
} as unknown as Matrix;
const withNaN = fromArray([
  [1, Number.NaN],
  [0, 1],
]);
const withInf = fromArray([
  [1, 0],
  [Number.POSITIVE_INFINITY, 1],
]);
const square = fromArray([
  [2, 1],
  [1, 2],
]);

/**
 * Every function the package exports, with what a matrix that is not a matrix, NaN, Infinity
 * and a zero-size input do. `nonFinite: 'propagate'` marks the copying and indexing helpers that
 * move values without computing with them (and GEMM, which follows IEEE 754 like BLAS);
 * everything that computes a factorization or a statistic rejects them.
 */
const table: Record<
  string,
  {
    notMatrix?: () => unknown;
    nonFinite?: (a: Matrix) => unknown;
    propagate?: boolean;
    empty: () => unknown;
    emptyResult: unknown;
  }
> = {
  allocate: { empty: () => allocate(0, 'float32').length, emptyResult: 0 },
  applyBlockReflectors: {
    notMatrix: () => applyBlockReflectors([], notMatrix),
    // GEMM arithmetic on c: NaN and Infinity already in c move through as IEEE 754 values.
    nonFinite: (a) =>
      toArray(applyBlockReflectors([{ start: 0, v: fromArray([[1], [1]]), t: fromArray([[1]]) }], copy(a))),
    propagate: true,
    empty: () => applyBlockReflectors([{ start: 0, v: matrix(0, 1), t: matrix(1, 1) }], matrix(0, 2)).rows,
    emptyResult: 0,
  },
  block: {
    notMatrix: () => block(notMatrix, 0, 0, 1, 1),
    nonFinite: (a) => toArray(block(a, 0, 0, 2, 2)),
    propagate: true,
    empty: () => [block(matrix(2, 3), 2, 3, 0, 0).rows, block(matrix(2, 3), 0, 1, 2, 0).cols],
    emptyResult: [0, 0],
  },
  conditionNumber: {
    notMatrix: () => conditionNumber(notMatrix),
    nonFinite: (a) => conditionNumber(a),
    empty: () => [conditionNumber(matrix(0, 3)), conditionNumber(matrix(3, 0))],
    emptyResult: [1, 1],
  },
  copy: {
    notMatrix: () => copy(notMatrix),
    nonFinite: (a) => toArray(copy(a)),
    propagate: true,
    empty: () => [copy(matrix(0, 4)).cols, copy(matrix(4, 0)).rows],
    emptyResult: [4, 4],
  },
  diagonal: {
    nonFinite: () => diagonal([1, Number.NaN]),
    empty: () => [diagonal([]).rows, diagonal([]).cols],
    emptyResult: [0, 0],
  },
  dtypeOf: {
    notMatrix: () => dtypeOf(notMatrix),
    empty: () => dtypeOf(matrix(0, 0, { dtype: 'float32' })),
    emptyResult: 'float32',
  },
  effectiveRank: {
    notMatrix: () => effectiveRank(notMatrix),
    nonFinite: (a) => effectiveRank(a),
    empty: () => [effectiveRank(matrix(0, 3)), effectiveRank(matrix(3, 0))],
    emptyResult: [0, 0],
  },
  eigSym: {
    notMatrix: () => eigSym(notMatrix),
    nonFinite: (a) => eigSym(a),
    empty: () => eigSym(matrix(0, 0), { vectors: true }).vectors?.rows,
    emptyResult: 0,
  },
  eigSymTridiagonal: {
    nonFinite: () => eigSymTridiagonal([1, Number.NaN], [0.5]),
    empty: () => eigSymTridiagonal([], [], { vectors: true }).values.length,
    emptyResult: 0,
  },
  frobeniusNorm: {
    notMatrix: () => frobeniusNorm(notMatrix),
    nonFinite: (a) => frobeniusNorm(a),
    empty: () => [frobeniusNorm(matrix(0, 3)), frobeniusNorm(matrix(3, 0))],
    emptyResult: [0, 0],
  },
  fromArray: {
    notMatrix: () => fromArray(5 as unknown as number[][]),
    nonFinite: (a) => toArray(fromArray(toArray(a))),
    propagate: true,
    empty: () => [fromArray([]).rows, fromArray([[]]).rows, fromArray([[]]).cols],
    emptyResult: [0, 1, 0],
  },
  gemm: {
    notMatrix: () => gemm(1, notMatrix, square, 0, matrix(1, 2)),
    // IEEE 754 propagation, as in BLAS: the row and column that meet a NaN or Infinity.
    nonFinite: (a) => toArray(gemm(1, a, square, 0, matrix(2, 2))),
    propagate: true,
    empty: () =>
      toArray(
        gemm(
          1,
          matrix(2, 0),
          matrix(0, 2),
          0,
          fromArray([
            [1, 1],
            [1, 1],
          ]),
        ),
      ),
    emptyResult: [
      [0, 0],
      [0, 0],
    ],
  },
  gemmBackend: { empty: () => ['wasm', 'js'].includes(gemmBackend()), emptyResult: true },
  get: {
    notMatrix: () => get(notMatrix, 0, 0),
    nonFinite: (a) => [get(a, 0, 1), get(a, 1, 0)],
    propagate: true,
    empty: () => failure(() => get(matrix(0, 3), 0, 0)),
    emptyResult: 'INVALID_ARGUMENT:i',
  },
  hadamard: { empty: () => toArray(hadamard(1)), emptyResult: [[1]] },
  identity: {
    empty: () => [identity(0).rows, identity(2, 0).rows, identity(2, 0).cols],
    emptyResult: [0, 2, 0],
  },
  isContiguous: {
    notMatrix: () => isContiguous(notMatrix),
    empty: () => isContiguous(matrix(0, 5)),
    emptyResult: true,
  },
  isIsometry: {
    notMatrix: () => isIsometry(notMatrix),
    nonFinite: (a) => isIsometry(a),
    empty: () => [isIsometry(matrix(0, 3)), isIsometry(matrix(3, 0))],
    emptyResult: [true, true],
  },
  matrix: { empty: () => [matrix(0, 3).data.length, matrix(3, 0).rows], emptyResult: [0, 3] },
  maxAbs: {
    notMatrix: () => maxAbs(notMatrix),
    nonFinite: (a) => maxAbs(a),
    empty: () => maxAbs(matrix(0, 3)),
    emptyResult: 0,
  },
  orthogonalityError: {
    notMatrix: () => orthogonalityError(notMatrix),
    nonFinite: (a) => orthogonalityError(a),
    empty: () => [orthogonalityError(matrix(0, 3)), orthogonalityError(matrix(3, 0))],
    emptyResult: [0, 0],
  },
  qr: {
    notMatrix: () => qr(notMatrix),
    nonFinite: (a) => qr(a, { precision: 'float32' }),
    empty: () => {
      const { q, r } = qr(matrix(3, 0), { mode: 'complete' });
      return [q?.rows, q?.cols, r.rows, r.cols];
    },
    emptyResult: [3, 3, 3, 0],
  },
  rank: {
    notMatrix: () => rank(notMatrix),
    nonFinite: (a) => rank(a),
    empty: () => [rank(matrix(0, 3)), rank(matrix(3, 0))],
    emptyResult: [0, 0],
  },
  set: {
    notMatrix: () => set(notMatrix, 0, 0, 1),
    nonFinite: (a) => {
      const c = copy(a);
      set(c, 0, 0, Number.NEGATIVE_INFINITY);
      return toArray(c);
    },
    propagate: true,
    empty: () => failure(() => set(matrix(3, 0), 0, 0, 1)),
    emptyResult: 'INVALID_ARGUMENT:j',
  },
  setGemmBackend: { empty: () => failure(() => setGemmBackend(gemmBackend())), emptyResult: 'no error' },
  spectralNorm: {
    notMatrix: () => spectralNorm(notMatrix),
    nonFinite: (a) => spectralNorm(a),
    empty: () => [spectralNorm(matrix(0, 3)), spectralNorm(matrix(3, 0))],
    emptyResult: [0, 0],
  },
  stableRank: {
    notMatrix: () => stableRank(notMatrix),
    nonFinite: (a) => stableRank(a),
    empty: () => stableRank(matrix(0, 3)),
    emptyResult: 0,
  },
  svd: {
    notMatrix: () => svd(notMatrix),
    nonFinite: (a) => svd(a, { computeUV: false }),
    empty: () => {
      const { s, u, v } = svd(matrix(0, 3));
      return [s.length, u?.rows, u?.cols, v?.rows, v?.cols];
    },
    emptyResult: [0, 0, 0, 3, 0],
  },
  toArray: {
    notMatrix: () => toArray(notMatrix),
    nonFinite: (a) => toArray(a),
    propagate: true,
    empty: () => [toArray(matrix(0, 3)), toArray(matrix(2, 0))],
    emptyResult: [[], [[], []]],
  },
  transpose: {
    notMatrix: () => transpose(notMatrix),
    nonFinite: (a) => toArray(transpose(a)),
    propagate: true,
    empty: () => [transpose(matrix(0, 3)).rows, transpose(matrix(0, 3)).cols],
    emptyResult: [3, 0],
  },
  transposeCopy: {
    notMatrix: () => transposeCopy(notMatrix),
    nonFinite: (a) => toArray(transposeCopy(a)),
    propagate: true,
    empty: () => [transposeCopy(matrix(2, 0)).rows, transposeCopy(matrix(2, 0)).cols],
    emptyResult: [0, 2],
  },
  view: {
    notMatrix: () => view([1, 2] as unknown as Float64Array, 1, 2),
    nonFinite: (a) => toArray(view(a.data, 2, 2)),
    propagate: true,
    empty: () => view(new Float32Array(0), 0, 7).cols,
    emptyResult: 7,
  },
};

describe('bad input, for every exported function', () => {
  it('the table lists every exported function (so a new export must state its behaviour)', () => {
    const functions = Object.entries(api)
      .filter(([name, value]) => typeof value === 'function' && name !== 'LinalgError')
      .map(([name]) => name)
      .sort();
    expect(Object.keys(table).sort()).toEqual(functions);
  });

  for (const [name, row] of Object.entries(table)) {
    describe(name, () => {
      if (row.notMatrix) {
        const call = row.notMatrix;
        it('rejects a value that is not a matrix (or array) with INVALID_ARGUMENT', () => {
          expect(failure(call)).toMatch(/^INVALID_ARGUMENT:/);
        });
      }
      if (row.nonFinite) {
        const call = row.nonFinite;
        if (row.propagate) {
          it('passes NaN and ±Infinity through as IEEE 754 values (documented)', () => {
            const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x as number]);
            expect(flat(call(withNaN)).some(Number.isNaN)).toBe(true);
            expect(flat(call(withInf)).some((v) => !Number.isFinite(v))).toBe(true);
          });
        } else {
          it('rejects NaN and ±Infinity with NOT_FINITE (never a NaN result)', () => {
            expect(failure(() => call(withNaN))).toMatch(/^NOT_FINITE:/);
            expect(failure(() => call(withInf))).toMatch(/^NOT_FINITE:/);
            expect(
              failure(() => call(fromArray([[Number.NEGATIVE_INFINITY]], { dtype: 'float32' }))),
            ).toMatch(/^NOT_FINITE:/);
          });
        }
      }
      it('handles zero-size input', () => {
        expect(row.empty()).toEqual(row.emptyResult);
      });
    });
  }
});

describe('mismatched dimensions and invalid options', () => {
  it.each([
    ['gemm inner dimensions', () => gemm(1, matrix(2, 3), matrix(2, 3), 0, matrix(2, 3)), 'SHAPE_MISMATCH:b'],
    ['gemm output shape', () => gemm(1, matrix(2, 3), matrix(3, 4), 0, matrix(4, 2)), 'SHAPE_MISMATCH:c'],
    [
      'gemm transposed inner dimensions',
      () => gemm(1, matrix(2, 3), matrix(3, 3), 0, matrix(3, 3), { transA: true }),
      'SHAPE_MISMATCH:b',
    ],
    ['eigSym of a non-square matrix', () => eigSym(matrix(2, 3)), 'SHAPE_MISMATCH:a'],
    [
      'eigSym of a non-symmetric matrix',
      () =>
        eigSym(
          fromArray([
            [1, 2],
            [0, 1],
          ]),
        ),
      'INVALID_ARGUMENT:a',
    ],
    ['eigSymTridiagonal offDiag length', () => eigSymTridiagonal([1, 2, 3], [1]), 'SHAPE_MISMATCH:offDiag'],
    ['view past the end of data', () => view(new Float64Array(5), 2, 3), 'SHAPE_MISMATCH:data'],
    ['block outside the matrix', () => block(matrix(2, 2), 1, 1, 2, 1), 'SHAPE_MISMATCH:block'],
    ['fromArray with jagged rows', () => fromArray([[1, 2], [3]]), 'SHAPE_MISMATCH:rows'],
    [
      'fromArray with a row that is not an array',
      () => fromArray([[1], 2 as unknown as number[]]),
      'INVALID_ARGUMENT:rows',
    ],
    ['get outside the matrix', () => get(matrix(2, 2), 0, 2), 'INVALID_ARGUMENT:j'],
    ['get with a fractional index', () => get(matrix(2, 2), 0.5, 0), 'INVALID_ARGUMENT:i'],
    [
      'set with a non-number',
      () => set(matrix(1, 1), 0, 0, '1' as unknown as number),
      'INVALID_ARGUMENT:value',
    ],
    ['allocate with a negative length', () => allocate(-1, 'float64'), 'INVALID_ARGUMENT:length'],
    ['allocate with an unknown dtype', () => allocate(2, 'float16' as 'float32'), 'INVALID_ARGUMENT:dtype'],
    [
      'allocate without a dtype',
      () => allocate(2, undefined as unknown as 'float32'),
      'INVALID_ARGUMENT:dtype',
    ],
    ['matrix with a fractional size', () => matrix(1.5, 2), 'INVALID_ARGUMENT:rows'],
    [
      'copy to an unknown dtype',
      () => copy(square, { dtype: 'int8' as 'float32' }),
      'INVALID_ARGUMENT:dtype',
    ],
    ['qr with an unknown mode', () => qr(square, { mode: 'full' as 'reduced' }), 'INVALID_ARGUMENT:mode'],
    [
      'qr with an unknown precision',
      () => qr(square, { precision: 'float16' as 'float32' }),
      'INVALID_ARGUMENT:precision',
    ],
    ['qr with a zero block size', () => qr(square, { blockSize: 0 }), 'INVALID_ARGUMENT:blockSize'],
    [
      'spectralNorm with a negative tolerance',
      () => spectralNorm(square, { tolerance: -1 }),
      'INVALID_ARGUMENT:tolerance',
    ],
    ['rank with a NaN tolerance', () => rank(square, Number.NaN), 'INVALID_ARGUMENT:tolerance'],
    [
      'isIsometry with an infinite tolerance',
      () => isIsometry(square, Number.POSITIVE_INFINITY),
      'INVALID_ARGUMENT:tolerance',
    ],
    ['hadamard of a non-power of two', () => hadamard(12), 'INVALID_ARGUMENT:n'],
    ['identity with a negative size', () => identity(2, -1), 'INVALID_ARGUMENT:cols'],
    ['diagonal of a non-array', () => diagonal(3 as unknown as number[]), 'INVALID_ARGUMENT:values'],
    ['setGemmBackend with an unknown name', () => setGemmBackend('gpu' as 'js'), 'INVALID_ARGUMENT:backend'],
  ])('%s', (_label, call, expected) => {
    expect(failure(call)).toBe(expected);
  });

  it('NOT_FINITE names the first offending entry in row order, also for tall input (tiled copy)', () => {
    const a = matrix(70, 3);
    a.data[35 * 3] = Number.NaN;
    a.data[2 * 3 + 2] = Number.POSITIVE_INFINITY;
    expect(() => qr(a)).toThrow(/entry \(2, 2\) is Infinity/);
    expect(() => svd(a, { computeUV: false })).toThrow(/entry \(2, 2\) is Infinity/);
    a.data[2 * 3 + 2] = 0;
    expect(() => qr(a, { precision: 'float32' })).toThrow(/entry \(35, 0\) is NaN/);
  });

  it('error messages list what is allowed', () => {
    expect(() => qr(square, { mode: 'full' as 'reduced' })).toThrow(/'reduced', 'complete' or 'r'/);
    expect(() => allocate(2, 'float16' as 'float32')).toThrow(/'float32' or 'float64'/);
    expect(() => get(matrix(2, 3), 0, 3)).toThrow(/\[0, 3\)/);
  });
});
