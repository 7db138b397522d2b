import { describe, expect, it } from 'vitest';
import * as nn from './index';

// The @example blocks of the data and progress functions, run as written.
describe('TSDoc examples of the data functions', () => {
  it('IDX parsing', () => {
    const labels = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 3]);
    const images = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 255]);
    expect(nn.readIdxHeader(labels)).toEqual({
      dtype: 'uint8',
      shape: [2],
      headerBytes: 8,
      bytesPerElement: 1,
    });
    expect(nn.parseIdxImages(images)).toEqual({ data: new Float32Array([0, 1]), shape: [1, 1, 2] });
    expect(nn.parseIdxLabels(labels)).toEqual({ data: new Int32Array([7, 3]), shape: [2], classes: 10 });
    expect(nn.parseMnist(images, new Uint8Array([0, 0, 8, 1, 0, 0, 0, 1, 7]))).toEqual({
      x: new Float32Array([0, 1]),
      y: new Int32Array([7]),
      shape: [1, 2],
      yShape: [1],
      classes: 10,
    });
  });

  it('subsets and splits', () => {
    const data = {
      x: new Float32Array([0, 1, 2, 3]),
      y: new Int32Array([0, 0, 1, 1]),
      shape: [4, 1],
      yShape: [4],
      classes: 2,
    };
    expect(nn.subset(data, { size: 2 }).y).toEqual(new Int32Array([0, 0]));
    expect(nn.subset(data, { size: 2, rng: 7 }).y).toEqual(new Int32Array([0, 1]));
    const five = {
      x: new Float32Array([0, 1, 2, 3, 4]),
      y: new Int32Array([0, 1, 0, 1, 0]),
      shape: [5, 1],
      yShape: [5],
      classes: 2,
    };
    const { train, test } = nn.trainTestSplit(five, { testSize: 2 });
    expect([train.x, test.x]).toEqual([new Float32Array([0, 1, 2]), new Float32Array([3, 4])]);
  });

  it('synthetic sets and sequence tasks', () => {
    const spirals = nn.spirals({ n: 200, rng: 1 });
    expect([spirals.shape, spirals.y[0], spirals.y[1]]).toEqual([[200, 2], 0, 1]);
    const xor = nn.xor({ n: 4, rng: 1, noise: 0 });
    expect([Array.from(xor.x), Array.from(xor.y)]).toEqual([
      [-1, -1, 1, -1, -1, 1, 1, 1],
      [0, 1, 1, 0],
    ]);
    const circles = nn.circles({ n: 100, rng: 3, noise: 0 });
    expect(Math.hypot(circles.x[0] as number, circles.x[1] as number)).toBeCloseTo(1, 6);
    expect(Math.hypot(circles.x[2] as number, circles.x[3] as number)).toBeCloseTo(0.5, 6);
    const blobs = nn.gaussianBlobs({ n: 300, rng: 1, classes: 3, noise: 0 });
    expect([blobs.shape, blobs.x[0] === blobs.centers[0]]).toEqual([[300, 2], true]);
    const adding = nn.addingProblem({ n: 2, length: 4, rng: 1 });
    expect([adding.shape, adding.yShape]).toEqual([
      [2, 4, 2],
      [2, 1],
    ]);
    const copy = nn.copyTask({ n: 1, length: 3, rng: 1, copyLength: 2, encoding: 'index' });
    const [s1, s2] = [copy.x[0] as number, copy.x[1] as number];
    expect(Array.from(copy.x)).toEqual([s1, s2, 0, 0, 9, 0, 0]);
    expect(Array.from(copy.y)).toEqual([0, 0, 0, 0, 0, s1, s2]);
    expect([copy.shape, copy.yShape, copy.classes]).toEqual([[1, 7], [1, 7], 9]);
    expect(nn.copyBaselineCrossEntropy(100)).toBe(0.17328679513998632);
    expect(nn.ADDING_BASELINE_MSE).toBe(0.16666666666666666);
    expect([nn.MNIST_MEAN, nn.MNIST_STD]).toEqual([0.1307, 0.3081]);
  });

  it('progress', () => {
    let t = 0;
    const lines: string[] = [];
    const sink = nn.callbackProgress((s) => lines.push(nn.formatProgress(s)), { clock: () => t });
    sink.start(100, { epochs: 2 });
    t = 2000;
    sink.update(50, { epoch: 1, loss: 0.25, accuracy: 0.9 });
    expect(lines).toEqual([
      '0/100 steps',
      'epoch 1/2  50/100 steps  loss 0.2500  acc 90.00%  25.0 steps/s  eta 2s',
    ]);
    expect(
      nn.formatProgress({
        done: 50,
        total: 100,
        fraction: 0.5,
        elapsed: 2,
        rate: 25,
        eta: 2,
        epoch: 1,
        epochs: 2,
        loss: 0.25,
      }),
    ).toBe('epoch 1/2  50/100 steps  loss 0.2500  25.0 steps/s  eta 2s');
  });
});
