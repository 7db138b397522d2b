import { gemm, matrix, svd, view } from '@init/linalg';
import { createRng } from '@init/rng';
import { describe, expect, it } from 'vitest';
import { ksCritical, ksStatistic, uniformCdf, Z } from '../test/stats';
import { deltaOrthogonal } from './delta-orthogonal';
import { orthogonal } from './orthogonal';
import { rnnOrthogonal } from './recurrent';

/** max |AᵀA − I| (columns) or |AAᵀ − I| (rows), whichever side is smaller, for a row-major rows x cols matrix. */
function orthError(data: Float32Array | Float64Array, rows: number, cols: number, scale = 1): number {
  const a = view(data, rows, cols);
  const k = Math.min(rows, cols);
  const c = matrix(k, k);
  if (rows >= cols) gemm(1 / (scale * scale), a, a, 0, c, { transA: true });
  else gemm(1 / (scale * scale), a, a, 0, c, { transB: true });
  let worst = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++)
      worst = Math.max(worst, Math.abs((c.data[i * k + j] as number) - (i === j ? 1 : 0)));
  }
  return worst;
}

describe('orthogonal', () => {
  it('is orthogonal to 1e-5 in float32 for square sizes up to 2048', () => {
    for (const n of [1, 2, 64, 2048]) {
      const w = orthogonal()([n, n], n).data;
      expect(w).toBeInstanceOf(Float32Array);
      expect(orthError(w, n, n), `n = ${n}`).toBeLessThanOrEqual(1e-5);
    }
  }, 120_000);

  it('is semi-orthogonal for rectangular shapes (orthonormal along the smaller side), any gain', () => {
    for (const [r, c] of [
      [300, 700],
      [700, 300],
      [1, 50],
      [50, 1],
    ] as const) {
      const w = orthogonal({ gain: 3 })([r, c], 1).data;
      expect(orthError(w, r, c, 3), `${r}x${c}`).toBeLessThanOrEqual(1e-5);
    }
    const w64 = orthogonal({ gain: 0.5 })([40, 90], 2, { dtype: 'float64' }).data;
    expect(orthError(w64, 40, 90, 0.5)).toBeLessThanOrEqual(1e-12);
  });

  it('has every singular value equal to the gain', () => {
    const w = orthogonal({ gain: 1.7 })([48, 80], 3, { dtype: 'float64' }).data;
    const { s } = svd(view(w, 48, 80), { computeUV: false });
    expect(s.length).toBe(48);
    for (const v of s) expect(Math.abs(v - 1.7)).toBeLessThan(1e-10);
    const w32 = orthogonal({ gain: 2, multiplier: 0.5 })([64, 32], 4).data;
    for (const v of svd(view(w32, 64, 32), { computeUV: false }).s)
      expect(Math.abs(v - 1)).toBeLessThan(1e-5);
  });

  it('flattens conv kernels as the layout dictates', () => {
    // torch [out, in, kh, kw]: shape[0] x rest has orthonormal rows (32 < 144)
    const t = orthogonal()([32, 16, 3, 3], 5).data;
    expect(orthError(t, 32, 144)).toBeLessThanOrEqual(1e-5);
    // keras [kh, kw, in, out]: rest x shape[-1] has orthonormal columns
    const k = orthogonal()([3, 3, 16, 32], 5, { layout: 'keras' }).data;
    expect(orthError(k, 144, 32)).toBeLessThanOrEqual(1e-5);
    // torch with more outputs than inputs: orthonormal columns of the 200 x 36 matrix
    const tall = orthogonal()([200, 4, 3, 3], 6).data;
    expect(orthError(tall, 200, 36)).toBeLessThanOrEqual(1e-5);
    // explicit axes, output axis first: the [8 x 40] memory matrix has orthonormal rows
    const ax = orthogonal()([8, 5, 8], 7, { layout: { inAxis: 1, outAxis: 0 } }).data;
    expect(orthError(ax, 8, 40)).toBeLessThanOrEqual(1e-5);
  });

  for (const method of ['reflectors', 'qr'] as const) {
    it(`is Haar (${method}): Q11 of 3x3 draws is U(-1, 1) and the trace has mean 0 (fails without the sign(diag R) fix)`, () => {
      const rng = createRng(2024);
      const draws = 4000;
      const q11 = new Float64Array(draws);
      const diagMeans = [0, 0, 0];
      let traceSum = 0;
      const init = orthogonal({ method });
      for (let t = 0; t < draws; t++) {
        const w = init([3, 3], rng, { dtype: 'float64' }).data;
        q11[t] = w[0] as number;
        for (let i = 0; i < 3; i++) diagMeans[i] = (diagMeans[i] as number) + (w[i * 4] as number) / draws;
        traceSum += (w[0] as number) + (w[4] as number) + (w[8] as number);
      }
      // First coordinate of a uniform point on S^2 is uniform on [-1, 1] (Archimedes).
      expect(ksStatistic(q11, uniformCdf(-1, 1))).toBeLessThan(ksCritical(draws));
      // Each entry has mean 0 and variance 1/3; the trace has mean 0 and variance 1.
      for (const m of diagMeans) expect(Math.abs(m)).toBeLessThan(Z * Math.sqrt(1 / 3 / draws));
      expect(Math.abs(traceSum / draws)).toBeLessThan(Z * Math.sqrt(1 / draws));
    });
  }

  it('the explicit QR method is orthogonal too, in float32 and float64', () => {
    const w = orthogonal({ method: 'qr' })([500, 200], 3).data;
    expect(orthError(w, 500, 200)).toBeLessThanOrEqual(1e-5);
    const w64 = orthogonal({ method: 'qr', gain: 2 })([30, 70], 3, { dtype: 'float64' }).data;
    expect(orthError(w64, 30, 70, 2)).toBeLessThanOrEqual(1e-12);
  });

  it('Haar on rectangular shapes: the first row of a 3 x 10 draw is uniform on the sphere (entry 0 ~ Beta-shaped, mean 0, variance 1/10)', () => {
    const rng = createRng(99);
    const draws = 4000;
    let s1 = 0;
    let s2 = 0;
    for (let t = 0; t < draws; t++) {
      const v = orthogonal()([3, 10], rng, { dtype: 'float64' }).data[0] as number;
      s1 += v;
      s2 += v * v;
    }
    expect(Math.abs(s1 / draws)).toBeLessThan(Z * Math.sqrt(0.1 / draws));
    // Var(x^2) for a coordinate of a uniform point on S^9: E x^4 - (E x^2)^2 = 3/120 - 1/100
    expect(Math.abs(s2 / draws - 0.1)).toBeLessThan(Z * Math.sqrt((3 / 120 - 0.01) / draws));
  });

  it('refuses a tall thin shape whose reflectors cannot be had before it allocates the output, and still describes it', () => {
    const Original = globalThis.Float32Array;
    const big: number[] = [];
    // Records every float32 array of more than 2^26 elements made while the call runs.
    class Watched extends Original {
      constructor(...args: unknown[]) {
        if (typeof args[0] === 'number' && args[0] > 2 ** 26) big.push(args[0]);
        super(...(args as [number]));
      }
    }
    globalThis.Float32Array = Watched as unknown as Float32ArrayConstructor;
    try {
      for (const shape of [
        [2 ** 22, 64],
        [64, 2 ** 22],
      ]) {
        expect(() => orthogonal()(shape, 1)).toThrowError(
          expect.objectContaining({ code: 'TOO_LARGE', argument: 'shape' }),
        );
      }
    } finally {
      globalThis.Float32Array = Original;
    }
    expect(big).toEqual([]);
    expect(orthogonal().describe([2 ** 22, 64]).distribution).toBe('orthogonal');
  });

  it('rejects rank < 2 and returns empty output for zero-size shapes', () => {
    expect(() => orthogonal()([5], 0)).toThrow(/rank >= 2/);
    expect(orthogonal()([0, 5], 0).data.length).toBe(0);
    expect(orthogonal()([5, 0, 3], 0).data.length).toBe(0);
  });
});

describe('delta_orthogonal', () => {
  it('puts an orthonormal-column matrix at the centre tap and zeros elsewhere', () => {
    const [o, i, kh, kw] = [8, 4, 3, 3];
    const w = deltaOrthogonal({ gain: 2 })([o, i, kh, kw], 1, { dtype: 'float64' }).data;
    const centre = new Float64Array(o * i);
    for (let a = 0; a < o; a++) {
      for (let b = 0; b < i; b++) {
        for (let y = 0; y < kh; y++) {
          for (let x = 0; x < kw; x++) {
            const v = w[((a * i + b) * kh + y) * kw + x] as number;
            if (y === 1 && x === 1) centre[a * i + b] = v;
            else expect(v).toBe(0);
          }
        }
      }
    }
    expect(orthError(centre, o, i, 2)).toBeLessThan(1e-12);
  });

  it('uses (k-1)//2 for even kernels by default and k//2 with center upper', () => {
    const lower = deltaOrthogonal()([4, 4, 4], 3).data;
    const upper = deltaOrthogonal({ center: 'upper' })([4, 4, 4], 3).data;
    const taps = (w: Float32Array | Float64Array) =>
      [0, 1, 2, 3].filter((t) => w[t] !== 0 || w[4 + t] !== 0 || w[8 + t] !== 0);
    expect(taps(lower)).toEqual([1]);
    expect(taps(upper)).toEqual([2]);
  });

  it('keras layout: centre of [k, k, in, out]', () => {
    const w = deltaOrthogonal()([3, 3, 4, 6], 1, { layout: 'keras' }).data;
    const centre = w.subarray((1 * 3 + 1) * 24, (1 * 3 + 1) * 24 + 24); // [in=4, out=6]
    expect(orthError(Float64Array.from(centre), 4, 6)).toBeLessThanOrEqual(1e-5);
    expect(w.filter((v) => v !== 0).length).toBe(24);
  });

  it('needs out >= in and rank 3..5', () => {
    expect(() => deltaOrthogonal()([2, 4, 3], 0)).toThrow(/out channels/);
    expect(() => deltaOrthogonal()([4, 4], 0)).toThrow(/rank 3 to 5/);
  });
});

describe('rnn_orthogonal', () => {
  it('makes each gate block an independent orthogonal matrix', () => {
    const h = 16;
    const w = rnnOrthogonal()([4 * h, h], 9).data;
    for (let b = 0; b < 4; b++) {
      expect(orthError(w.subarray(b * h * h, (b + 1) * h * h), h, h)).toBeLessThanOrEqual(1e-5);
    }
    expect(w[0]).not.toBe(w[h * h]);
    const gru = rnnOrthogonal({ gateOrder: 'rzn' })([3 * 8, 20], 9).data;
    for (let b = 0; b < 3; b++)
      expect(orthError(gru.subarray(b * 160, (b + 1) * 160), 8, 20)).toBeLessThanOrEqual(1e-5);
    // keras: [in, 4h], blocks are column ranges
    const k = rnnOrthogonal()([h, 4 * h], 9, { layout: 'keras' }).data;
    const block = new Float64Array(h * h);
    for (let r = 0; r < h; r++)
      for (let c = 0; c < h; c++) block[r * h + c] = k[r * 4 * h + 2 * h + c] as number;
    expect(orthError(block, h, h)).toBeLessThanOrEqual(1e-5);
  });

  it('rejects a stacked axis that is not a multiple of the gate count', () => {
    expect(() => rnnOrthogonal()([10, 4], 0)).toThrow(/multiple of the number of gates/);
  });
});

describe('layout equivalences', () => {
  it('keras equals explicit axes { inAxis: -2, outAxis: -1 }, bit for bit', () => {
    const a = orthogonal()([3, 3, 8, 16], 4, { layout: 'keras' }).data;
    const b = orthogonal()([3, 3, 8, 16], 4, { layout: { inAxis: -2, outAxis: -1 } }).data;
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('transposed conv weights flatten like PyTorch (dim 0 against the rest)', () => {
    const a = orthogonal()([16, 8, 3, 3], 4, { transposed: true }).data;
    const b = orthogonal()([16, 8, 3, 3], 4).data;
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe('orthogonal output bits', () => {
  /** 64-bit FNV-1a of the bytes of every array, in order. */
  function hash(arrays: (Float32Array | Float64Array)[]): string {
    let h = 0xcbf29ce484222325n;
    const mask = (1n << 64n) - 1n;
    for (const a of arrays) {
      const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      for (let i = 0; i < bytes.length; i++) h = ((h ^ BigInt(bytes[i] as number)) * 0x100000001b3n) & mask;
    }
    return h.toString(16).padStart(16, '0');
  }

  // Pinned: a change to the reflector draws, the T factor, the Gram sums or the accumulation shows here. Tall
  // shapes past 256 rows take the sequential tail of the Gram sums; wide ones are generated transposed.
  it('are pinned for tall, square and wide shapes, in both dtypes and on both GEMM back ends', async () => {
    const { gemmBackend, setGemmBackend } = await import('@init/linalg');
    const initial = gemmBackend();
    const out: string[] = [];
    try {
      for (const backend of ['wasm', 'js'] as const) {
        setGemmBackend(backend);
        const arrays = [];
        for (const shape of [
          [256, 256],
          [500, 96],
          [130, 97],
          [97, 130],
        ])
          for (const dtype of ['float32', 'float64'] as const)
            arrays.push(orthogonal({ gain: 1.5 })(shape, `bits/${shape.join('x')}`, { dtype }).data);
        out.push(hash(arrays));
      }
    } finally {
      setGemmBackend(initial);
    }
    // A sequential generator (one fill per reflector, no block rounding) too.
    const sequential = orthogonal()([300, 70], createRng(5, { algorithm: 'xoshiro128**' })).data;
    out.push(hash([sequential]));
    expect(out).toEqual(['6e71de5f868aa9c4', '6e71de5f868aa9c4', '263ba05c3c7b568d']);
  });
});
