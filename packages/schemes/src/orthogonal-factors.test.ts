import { gemm, type Matrix, matrix, view } from '@init/linalg';
import { createRng } from '@init/rng';
import { describe, expect, it } from 'vitest';
import { InitError } from './errors';
import { orthogonal } from './orthogonal';
import { type OrthogonalFactors, orthogonalFactors } from './orthogonal-factors';

/** The explicit rows x cols matrix of the factors, in float64: B_0 ⋯ B_{K−1} applied to [I; 0], columns scaled. */
function dense(f: OrthogonalFactors): Float64Array {
  const { rows, cols } = f;
  const m = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) m[j * cols + j] = 1;
  const toF64 = (a: Matrix): Matrix => view(Float64Array.from(a.data), a.rows, a.cols);
  for (let k = f.blocks.length - 1; k >= 0; k--) {
    const b = f.blocks[k] as OrthogonalFactors['blocks'][number];
    const v = toF64(b.v);
    const t = toF64(b.t);
    const target = view(m, rows - b.start, cols, { offset: b.start * cols, rowStride: cols });
    const w = matrix(v.cols, cols);
    gemm(1, v, target, 0, w, { transA: true });
    const w2 = matrix(v.cols, cols);
    gemm(1, t, w, 0, w2);
    gemm(-1, v, w2, 1, target);
  }
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++)
      m[i * cols + j] = (m[i * cols + j] as number) * (f.columnScale[j] as number);
  return m;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs((a[i] as number) - (b[i] as number)));
  return d;
}

describe('orthogonalFactors', () => {
  it("is the matrix orthogonal's fill writes: square in any layout, tall in keras layout", () => {
    for (const [rows, cols, layout] of [
      [256, 256, 'torch'],
      [49, 49, 'keras'],
      [100, 37, 'keras'],
      [1, 1, 'torch'],
      [97, 96, 'keras'],
    ] as const) {
      for (const dtype of ['float32', 'float64'] as const) {
        const out = dtype === 'float32' ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
        orthogonal({ gain: 1.7 }).fill(out, [rows, cols], createRng(3).fork('w'), { layout });
        const f = orthogonalFactors([rows, cols], createRng(3).fork('w'), { gain: 1.7, dtype });
        expect(
          f.blocks.every((b) => b.v.data instanceof (dtype === 'float32' ? Float32Array : Float64Array)),
        ).toBe(true);
        // The accumulation rounds differently (float64 here); float32 entries agree to a few ulps of 1.7.
        const tol = dtype === 'float32' ? 2e-6 : 1e-13;
        expect(maxDiff(dense(f), out), `${rows} x ${cols} ${dtype}`).toBeLessThan(tol);
      }
    }
  });

  it('has blocks of at most 48 reflectors in increasing start, and gain times a sign per column', () => {
    const f = orthogonalFactors([256, 200], 11, { gain: -2 });
    expect(f.blocks.map((b) => b.start)).toEqual([0, 48, 96, 144, 192]);
    expect(f.blocks.map((b) => [b.v.rows, b.v.cols, b.t.rows])).toEqual([
      [256, 48, 48],
      [208, 48, 48],
      [160, 48, 48],
      [112, 48, 48],
      [64, 8, 8],
    ]);
    expect([...f.columnScale].every((s) => s === 2 || s === -2)).toBe(true);
    // Both signs occur (each is ±1 with probability 1/2): P(all 200 equal) = 2^-199.
    expect(new Set(f.columnScale).size).toBe(2);
    // The unit diagonal of V and zeros above it.
    const b = f.blocks[1] as OrthogonalFactors['blocks'][number];
    expect([b.v.data[0], b.v.data[1], b.v.data[48 + 1], b.v.data[48 + 2]]).toEqual([1, 0, 1, 0]);
  });

  it('draws the same factors from the same seed and stream, other factors from another', () => {
    const a = orthogonalFactors([64, 64], 'layer.1');
    const b = orthogonalFactors([64, 64], createRng('layer.1'));
    expect(a).toEqual(b);
    expect(orthogonalFactors([64, 64], 'layer.2').blocks[0]?.v.data).not.toEqual(a.blocks[0]?.v.data);
  });

  it('has no blocks for an empty shape', () => {
    expect(orthogonalFactors([5, 0], 1).blocks).toEqual([]);
    expect(orthogonalFactors([0, 0], 1).columnScale.length).toBe(0);
  });

  it('rejects bad input with an InitError naming the argument', () => {
    const cases: [() => unknown, string, string][] = [
      [() => orthogonalFactors([3, 5], 1), 'SHAPE_MISMATCH', 'shape'],
      [() => orthogonalFactors([3, 3, 3], 1), 'SHAPE_MISMATCH', 'shape'],
      [() => orthogonalFactors([3, -1], 1), 'INVALID_ARGUMENT', 'shape'],
      [() => orthogonalFactors('3x3' as never, 1), 'INVALID_ARGUMENT', 'shape'],
      [() => orthogonalFactors([2 ** 16, 2 ** 15], 1), 'TOO_LARGE', 'shape'],
      // Tall and thin: few output values, but rows x 48 working values per buffer (refused before allocating).
      [() => orthogonalFactors([2 ** 22, 64], 1), 'TOO_LARGE', 'shape'],
      [() => orthogonalFactors([2 ** 28, 1], 1), 'TOO_LARGE', 'shape'],
      [() => orthogonalFactors([3, 3], undefined as never), 'INVALID_ARGUMENT', 'rng'],
      [() => orthogonalFactors([3, 3], 1, { gian: 2 } as never), 'INVALID_ARGUMENT', 'gian'],
      [() => orthogonalFactors([3, 3], 1, { gain: Number.NaN }), 'NOT_FINITE', 'gain'],
      [() => orthogonalFactors([3, 3], 1, { gain: Number.POSITIVE_INFINITY }), 'NOT_FINITE', 'gain'],
      [() => orthogonalFactors([3, 3], 1, { dtype: 'float16' as never }), 'INVALID_ARGUMENT', 'dtype'],
      [() => orthogonalFactors([3, 3], 1, 'fast' as never), 'INVALID_ARGUMENT', 'options'],
    ];
    for (const [call, code, argument] of cases) {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(error, argument).toBeInstanceOf(InitError);
      expect([(error as InitError).code, (error as InitError).argument]).toEqual([code, argument]);
    }
  });

  it('gives the same factors whether its working buffers are new or kept from the last matrix, and in a nested draw', () => {
    const bytes = (f: OrthogonalFactors): number[] => [
      ...f.columnScale,
      ...f.blocks.flatMap((b) => [...b.v.data, ...b.t.data]),
    ];
    const first = bytes(orthogonalFactors([200, 130], 5));
    orthogonalFactors([64, 64], 6, { dtype: 'float64' });
    // The same shape twice in a row: the second draw works in the buffers the first one left.
    orthogonalFactors([200, 130], 8);
    expect(bytes(orthogonalFactors([200, 130], 5))).toEqual(first);
    // Past 256 rows the Gram sums go on in a row copy of the reflectors that the kept buffers hold too.
    const tall = bytes(orthogonalFactors([300, 60], 3));
    orthogonalFactors([300, 60], 4);
    expect(bytes(orthogonalFactors([300, 60], 3))).toEqual(tall);
    // A stream whose fill draws another matrix of the same shape, so that both are drawn at once.
    const inner = createRng(5);
    let nested = 0;
    const reentrant = new Proxy(inner, {
      get(target, key) {
        if (key === 'fillNormal') {
          return (out: Float64Array, mean: number, std: number) => {
            if (nested++ < 3) orthogonalFactors([200, 130], 9);
            return target.fillNormal(out, mean, std);
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    expect(bytes(orthogonalFactors([200, 130], reentrant))).toEqual(first);
    expect(nested).toBe(3);
  });
});
