import { describe, expect, it } from 'vitest';
import { NnError } from './errors';
import { patternValues } from './gradient-check';
import {
  BinaryCrossEntropyWithLogits,
  type Loss,
  MeanSquaredError,
  SoftmaxCrossEntropy,
  type Targets,
} from './loss';

/** Central differences of the loss against its fused gradient (float32 predictions, h = 1e-2). */
function gradError(loss: Loss, pred: Float32Array, target: Targets, batch: number): number {
  loss.forward(pred, target, batch);
  const g = Float32Array.from(loss.backward());
  let scale = 0;
  for (const v of g) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  const h = 1e-2;
  for (let i = 0; i < pred.length; i++) {
    const v = pred[i] as number;
    pred[i] = v + h;
    const lp = loss.forward(pred, target, batch);
    pred[i] = v - h;
    const lm = loss.forward(pred, target, batch);
    pred[i] = v;
    worst = Math.max(worst, Math.abs((lp - lm) / (2 * h) - (g[i] as number)) / (scale + 1e-3));
  }
  return worst;
}

describe('losses', () => {
  it('softmax cross-entropy: known values and stability', () => {
    const ce = new SoftmaxCrossEntropy();
    expect(ce.forward(new Float32Array([0, 0]), new Int32Array([1]), 1)).toBeCloseTo(Math.LN2, 12);
    expect(Array.from(ce.backward())).toEqual([0.5, -0.5]);
    // logits 1000 and 0: loss of the right class ≈ e^-1000 = 0, of the wrong one 1000; no overflow
    expect(ce.forward(new Float32Array([1000, 0, 1000, 0]), new Int32Array([0, 1]), 2)).toBeCloseTo(500, 9);
    expect(Array.from(ce.backward())).toEqual([0, 0, 0.5, -0.5]);
  });

  it('softmax cross-entropy gradient', () => {
    expect(
      gradError(new SoftmaxCrossEntropy(), patternValues(12, 4), new Uint8Array([0, 3, 2]), 3),
    ).toBeLessThan(1e-2);
  });

  it('binary cross-entropy with logits: known values, stability, gradient', () => {
    const bce = new BinaryCrossEntropyWithLogits();
    expect(bce.forward(new Float32Array([0]), new Float32Array([1]), 1)).toBeCloseTo(Math.LN2, 12);
    expect(bce.forward(new Float32Array([-200, 200]), new Float32Array([1, 1]), 2)).toBeCloseTo(100, 9);
    expect(gradError(bce, patternValues(6, 5), new Float32Array([0, 1, 0.3, 1, 0, 0.5]), 2)).toBeLessThan(
      1e-2,
    );
  });

  it('mean squared error: known value and gradient', () => {
    const mse = new MeanSquaredError();
    expect(mse.forward(new Float32Array([1, 3]), new Float32Array([0, 1]), 2)).toBe(2.5);
    expect(Array.from(mse.backward())).toEqual([1, 2]);
    expect(gradError(mse, patternValues(6, 6), patternValues(6, 7), 3)).toBeLessThan(1e-2);
  });

  it('rejects targets of the wrong length or range', () => {
    const ce = new SoftmaxCrossEntropy();
    expect(() => ce.forward(new Float32Array(4), new Int32Array(3), 2)).toThrow(NnError);
    expect(() => ce.forward(new Float32Array(4), new Int32Array([0, 2]), 2)).toThrow(/class 2/);
    expect(() => ce.forward(new Float32Array(4), new Float32Array([0, 0.5]), 2)).toThrow(NnError);
    expect(() => new MeanSquaredError().forward(new Float32Array(4), new Float32Array(3), 2)).toThrow(
      NnError,
    );
    expect(() =>
      new BinaryCrossEntropyWithLogits().forward(new Float32Array(1), new Float32Array([2]), 1),
    ).toThrow(NnError);
    expect(() => ce.forward(new Float32Array(4), new Int32Array(4), 3)).toThrow(NnError);
  });
});
