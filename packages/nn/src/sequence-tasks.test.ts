import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NnError } from './errors';
import { ADDING_BASELINE_MSE, addingProblem } from './sequence-tasks-adding';
import { copyBaselineCrossEntropy, copyTask } from './sequence-tasks-copy';

function thrown(f: () => unknown): NnError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(NnError);
    return error as NnError;
  }
  throw new Error('expected an NnError');
}

describe('addingProblem', () => {
  it('marks exactly one step in each half and targets the sum of the marked values', () => {
    const T = 9;
    const data = addingProblem({ n: 500, length: T, rng: 4 });
    expect(data.shape).toEqual([500, T, 2]);
    expect(data.yShape).toEqual([500, 1]);
    expect(data.classes).toBeUndefined();
    for (let i = 0; i < 500; i++) {
      const marked: number[] = [];
      for (let t = 0; t < T; t++) {
        const value = data.x[(i * T + t) * 2] as number;
        const mark = data.x[(i * T + t) * 2 + 1] as number;
        expect(value >= 0 && value < 1).toBe(true);
        expect([0, 1]).toContain(mark);
        if (mark === 1) marked.push(t);
      }
      expect(marked.length).toBe(2);
      expect(marked[0]).toBeLessThan(4);
      expect(marked[1]).toBeGreaterThanOrEqual(4);
      const sum =
        (data.x[(i * T + (marked[0] as number)) * 2] as number) +
        (data.x[(i * T + (marked[1] as number)) * 2] as number);
      expect(data.y[i]).toBe(Math.fround(sum));
    }
    expect(addingProblem({ n: 500, length: T, rng: 4 }).x).toEqual(data.x);
  });

  it('has the trivial baseline: predicting 1 scores an MSE of 1/6', () => {
    // (y - 1)^2 with y - 1 triangular on [-1, 1]: mean 1/6, variance E[(y-1)^4] - 1/36 = 1/15 - 1/36 = 7/180.
    const n = 40000;
    const data = addingProblem({ n, length: 20, rng: 12 });
    let sum = 0;
    for (const target of data.y) sum += (target - 1) ** 2;
    const mse = sum / n;
    expect(ADDING_BASELINE_MSE).toBe(1 / 6);
    expect(Math.abs(mse - 1 / 6)).toBeLessThan(4.89 * Math.sqrt(7 / 180 / n));
  });

  it('rejects bad lengths, sizes and options', () => {
    expect(thrown(() => addingProblem({ n: 1, length: 1, rng: 1 })).argument).toBe('length');
    expect(thrown(() => addingProblem({ n: 1, rng: 1 } as never)).argument).toBe('length');
    expect(thrown(() => addingProblem({ n: 2 ** 20, length: 2 ** 20, rng: 1 })).code).toBe('TOO_LARGE');
    expect(thrown(() => addingProblem({ n: 1, length: 4, rng: 1, lenght: 3 } as never)).message).toMatch(
      /did you mean 'length'/,
    );
  });
});

describe('copyTask', () => {
  it('encodes symbols, blanks and the delimiter as documented (index encoding)', () => {
    const T = 5;
    const data = copyTask({ n: 200, length: T, rng: 2, encoding: 'index' });
    const L = T + 20;
    expect(data.shape).toEqual([200, L]);
    expect(data.yShape).toEqual([200, L]);
    expect(data.classes).toBe(9);
    for (let i = 0; i < 200; i++) {
      const x = Array.from(data.x.subarray(i * L, (i + 1) * L));
      const y = Array.from(data.y.subarray(i * L, (i + 1) * L));
      const symbols = x.slice(0, 10);
      for (const s of symbols) expect(s >= 1 && s <= 8 && Number.isInteger(s)).toBe(true);
      expect(x.slice(10)).toEqual([...new Array(T - 1).fill(0), 9, ...new Array(10).fill(0)]);
      expect(y).toEqual([...new Array(T + 10).fill(0), ...symbols]);
    }
  });

  it('one-hot inputs carry the same codes', () => {
    const index = copyTask({ n: 20, length: 7, rng: 3, encoding: 'index', copyLength: 3, categories: 4 });
    const hot = copyTask({ n: 20, length: 7, rng: 3, copyLength: 3, categories: 4 });
    expect(hot.shape).toEqual([20, 13, 6]);
    expect(hot.y).toEqual(index.y);
    for (let s = 0; s < 20 * 13; s++) {
      const row = Array.from(hot.x.subarray(s * 6, (s + 1) * 6));
      expect(row.reduce((a, b) => a + b, 0)).toBe(1);
      expect(row.indexOf(1)).toBe(index.x[s]);
    }
  });

  it('has the memoryless baseline 10 ln 8 / (T + 20), computed from the data itself', () => {
    const n = 5000;
    for (const T of [1, 10, 100]) {
      const L = T + 20;
      const data = copyTask({ n, length: T, rng: 100 + T, encoding: 'index' });
      const formula = copyBaselineCrossEntropy(T);
      expect(formula).toBeCloseTo((10 * Math.log(8)) / (T + 20), 15);
      // The fixed memoryless predictor: blank for sure for T + 10 steps, uniform over 8 for the last 10.
      let fixed = 0;
      // The plug-in predictor: each step's own empirical target frequencies (its cross-entropy is the entropy).
      let plugIn = 0;
      for (let t = 0; t < L; t++) {
        const counts = new Array<number>(9).fill(0);
        for (let i = 0; i < n; i++) {
          const c = data.y[i * L + t] as number;
          counts[c] = (counts[c] as number) + 1;
        }
        for (let c = 0; c < 9; c++) {
          const k = counts[c] as number;
          if (k === 0) continue;
          const p = t < T + 10 ? (c === 0 ? 1 : 0) : c === 0 ? 0 : 1 / 8;
          fixed += -k * Math.log(p);
          plugIn += -k * Math.log(k / n);
        }
      }
      fixed /= n * L;
      plugIn /= n * L;
      expect(fixed).toBeCloseTo(formula, 12);
      // ln 8 - H(p-hat) ~ chi2(7) / (2n) per copy step; over 10 steps chi2(70), whose 1 - 1e-6 quantile is 141.2.
      expect(plugIn).toBeLessThanOrEqual(formula + 1e-12);
      expect(formula - plugIn).toBeLessThan(141.2 / (2 * n * L));
    }
  });

  it('rejects bad arguments and never builds oversized inputs', () => {
    expect(thrown(() => copyTask({ n: 1, length: 0, rng: 1 })).argument).toBe('length');
    expect(thrown(() => copyTask({ n: 1, length: 2 ** 20, rng: 1, categories: 1024 })).code).toBe(
      'TOO_LARGE',
    );
    expect(thrown(() => copyTask({ n: 1, length: 5, rng: 1, encoding: 'onehot' as never })).message).toMatch(
      /did you mean 'one-hot'/,
    );
    expect(thrown(() => copyBaselineCrossEntropy(0)).argument).toBe('length');
    expect(thrown(() => copyBaselineCrossEntropy(5, { categorie: 3 } as never)).message).toMatch(
      /did you mean 'categories'/,
    );
    expect(copyBaselineCrossEntropy(5, { copyLength: 2, categories: 4 })).toBeCloseTo(
      (2 * Math.log(4)) / 9,
      15,
    );
  });

  it('throws only NnError for hostile options, in bounded time (property)', () => {
    // Valid but large sizes take time in proportion to their output; hostile values are invalid or enormous.
    const value = fc
      .oneof(
        fc.integer({ min: -5, max: 64 }),
        fc.constantFrom(2 ** 53, 1e300, Number.NaN, -Infinity, 2 ** 21, 2 ** 40),
        fc.double(),
        fc.bigInt(),
        fc.string(),
        fc.anything(),
      )
      .filter((v) => !(typeof v === 'number' && v > 64 && v <= 2 ** 20));
    fc.assert(
      fc.property(
        fc.record(
          {
            n: fc.oneof(fc.integer({ min: 0, max: 50 }), value),
            length: value,
            rng: value,
            copyLength: value,
            categories: value,
            encoding: fc.oneof(fc.constantFrom('index', 'one-hot'), value),
          },
          { requiredKeys: ['n', 'length', 'rng'] },
        ),
        (o) => {
          const t0 = performance.now();
          for (const make of [copyTask, addingProblem] as Array<(o: unknown) => unknown>) {
            try {
              make(make === addingProblem ? { n: o.n, length: o.length, rng: o.rng } : o);
            } catch (error) {
              expect(error).toBeInstanceOf(NnError);
            }
          }
          expect(performance.now() - t0).toBeLessThan(2000);
        },
      ),
      { numRuns: 200, seed: 40 },
    );
  });
});
