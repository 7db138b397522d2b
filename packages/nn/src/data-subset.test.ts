import { createRng } from '@init/rng';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset } from './data-set';
import { stratifiedQuotas, subset, trainTestSplit } from './data-subset';
import { NnError } from './errors';

/** n samples with x = [i, -i] and label i mod classes (or i % 7 === 0 for an imbalanced set). */
function labelled(n: number, classes: number, imbalanced = false): Dataset<Int32Array> {
  const x = new Float32Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = i;
    x[2 * i + 1] = -i;
    y[i] = imbalanced ? (i % 7 === 0 ? 1 : 0) : i % classes;
  }
  return { x, y, shape: [n, 2], yShape: [n], classes };
}

function thrown(f: () => unknown): NnError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(NnError);
    return error as NnError;
  }
  throw new Error('expected an NnError');
}

function counts(y: ArrayLike<number>, classes: number): number[] {
  const c = new Array<number>(classes).fill(0);
  for (let i = 0; i < y.length; i++) c[y[i] as number] = (c[y[i] as number] as number) + 1;
  return c;
}

describe('stratifiedQuotas', () => {
  it('rounds by largest remainder and always sums to the size', () => {
    expect(stratifiedQuotas([50, 30, 20], 10)).toEqual([5, 3, 2]);
    // 7 * [1/3, 1/3, 1/3] = 2.33 each: the single extra goes to the first class.
    expect(stratifiedQuotas([3, 3, 3], 7)).toEqual([3, 2, 2]);
    expect(stratifiedQuotas([1, 99], 10)).toEqual([0, 10]);
    expect(stratifiedQuotas([0, 0], 0)).toEqual([0, 0]);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1e6 }), { minLength: 1, maxLength: 20 }), fc.nat(), (c, s) => {
        const total = c.reduce((a, b) => a + b, 0);
        const size = total === 0 ? 0 : s % (total + 1);
        const q = stratifiedQuotas(c, size);
        expect(q.reduce((a, b) => a + b, 0)).toBe(size);
        q.forEach((qk, k) => {
          expect(qk).toBeLessThanOrEqual(c[k] as number);
          expect(Math.abs(qk - (size * (c[k] as number)) / total)).toBeLessThan(1);
        });
      }),
      { numRuns: 200, seed: 20 },
    );
  });
});

describe('subset', () => {
  it('keeps the first size samples without rng', () => {
    const data = labelled(10, 3);
    const s = subset(data, { size: 4 });
    expect(s.shape).toEqual([4, 2]);
    expect(s.yShape).toEqual([4]);
    expect(Array.from(s.x)).toEqual([0, -0, 1, -1, 2, -2, 3, -3]);
    expect(Array.from(s.y)).toEqual([0, 1, 2, 0]);
    expect(s.classes).toBe(3);
    expect(subset(data, { size: 0 }).shape).toEqual([0, 2]);
  });

  it('samples the same rows for the same seed, keeps class shares and the original order', () => {
    const data = labelled(1000, 1, true);
    const a = subset({ ...data, classes: 2 }, { size: 70, rng: 5 });
    const b = subset({ ...data, classes: 2 }, { size: 70, rng: createRng(5) });
    expect(a.x).toEqual(b.x);
    // 1 in 7 is class 1: 143 of 1000, so a stratified 70 holds round(70 * 0.143) = 10 of them.
    expect(counts(a.y, 2)).toEqual([60, 10]);
    const rows = Array.from({ length: 70 }, (_, i) => a.x[2 * i] as number);
    expect(rows).toEqual([...rows].sort((p, q) => p - q));
    expect(new Set(rows).size).toBe(70);
    for (const r of rows) expect(data.y[r]).toBe(a.y[rows.indexOf(r)]);
    expect(subset({ ...data, classes: 2 }, { size: 70, rng: 6 }).x).not.toEqual(a.x);
  });

  it('samples without stratification on request and for regression targets', () => {
    const data = labelled(100, 2);
    const plain = subset(data, { size: 10, rng: 1, stratify: false });
    expect(plain.shape).toEqual([10, 2]);
    const regression: Dataset<Float32Array> = {
      x: data.x,
      y: new Float32Array(100),
      shape: [100, 2],
      yShape: [100, 1],
    };
    expect(subset(regression, { size: 3, rng: 1 }).y).toBeInstanceOf(Float32Array);
  });

  it('rejects bad data sets, sizes, labels and options with typed errors', () => {
    const data = labelled(10, 2);
    expect(thrown(() => subset(data, { size: 11 })).argument).toBe('size');
    expect(thrown(() => subset(data, {} as never)).argument).toBe('size');
    expect(thrown(() => subset(data, { size: 2, rng: Number.NaN })).code).toBe('NOT_FINITE');
    expect(thrown(() => subset(data, { size: 2, rng: 1.5 })).argument).toBe('rng');
    expect(thrown(() => subset(data, { size: 2, sead: 1 } as never)).message).toMatch(
      /unknown option 'sead'/,
    );
    expect(thrown(() => subset({ ...data, shape: [10, 3] }, { size: 1 })).code).toBe('SHAPE_MISMATCH');
    expect(thrown(() => subset({ ...data, yShape: [5, 2] }, { size: 1 })).code).toBe('SHAPE_MISMATCH');
    expect(thrown(() => subset({ ...data, x: [1, 2] } as never, { size: 1 })).argument).toBe('data.x');
    expect(thrown(() => subset({ ...data, classes: 0 }, { size: 1 })).argument).toBe('data.classes');
    const bad = { ...data, y: new Int32Array(10).fill(2) };
    expect(thrown(() => subset(bad, { size: 1, rng: 1 })).message).toMatch(/label 0 is 2/);
    expect(thrown(() => subset(null as never, { size: 1 })).argument).toBe('data');
  });
});

describe('trainTestSplit', () => {
  it('takes the last samples as test part without rng', () => {
    const data = labelled(10, 2);
    const { train, test } = trainTestSplit(data);
    expect(train.shape).toEqual([8, 2]);
    expect(Array.from(test.x)).toEqual([8, -8, 9, -9]);
    expect(trainTestSplit(data, { testSize: 0 }).test.shape).toEqual([0, 2]);
    expect(trainTestSplit(data, { testFraction: 1 }).train.shape).toEqual([0, 2]);
  });

  it('partitions the samples into a stratified, seeded test part and the rest', () => {
    const data = labelled(300, 3);
    const { train, test } = trainTestSplit(data, { testFraction: 0.1, rng: 9 });
    expect(counts(test.y, 3)).toEqual([10, 10, 10]);
    const all = [
      ...Array.from({ length: 270 }, (_, i) => train.x[2 * i]),
      ...Array.from({ length: 30 }, (_, i) => test.x[2 * i]),
    ];
    expect(new Set(all).size).toBe(300);
    expect(trainTestSplit(data, { testFraction: 0.1, rng: 9 }).test.x).toEqual(test.x);
  });

  it('rejects conflicting or out-of-range sizes', () => {
    const data = labelled(10, 2);
    expect(thrown(() => trainTestSplit(data, { testSize: 2, testFraction: 0.5 })).argument).toBe('testSize');
    expect(thrown(() => trainTestSplit(data, { testFraction: 1.5 })).argument).toBe('testFraction');
    expect(thrown(() => trainTestSplit(data, { testFraction: Number.NaN })).code).toBe('NOT_FINITE');
    expect(thrown(() => trainTestSplit(data, { testSize: 11 })).argument).toBe('testSize');
  });

  it('throws only NnError for hostile options and sizes (property)', () => {
    const data = labelled(50, 5);
    fc.assert(
      fc.property(
        fc.record(
          {
            testFraction: fc.oneof(fc.double(), fc.anything()),
            testSize: fc.oneof(fc.integer(), fc.anything()),
            rng: fc.oneof(fc.integer(), fc.bigInt(), fc.string(), fc.anything()),
            stratify: fc.anything(),
          },
          { requiredKeys: [] },
        ),
        (options) => {
          try {
            const { train, test } = trainTestSplit(data, options as never);
            expect((train.shape[0] as number) + (test.shape[0] as number)).toBe(50);
          } catch (error) {
            expect(error).toBeInstanceOf(NnError);
          }
          try {
            subset(data, { size: 5, ...(options as object) } as never);
          } catch (error) {
            expect(error).toBeInstanceOf(NnError);
          }
        },
      ),
      { numRuns: 300, seed: 21 },
    );
  });
});
