import { describe, expect, it } from 'vitest';
import { Activation } from './activation';
import { Dense } from './dense';
import { NnError } from './errors';
import { fit } from './fit';
import { Model } from './model';
import { Monitor } from './monitor';
import { spirals } from './synthetic-spirals';

function net(): Model {
  return new Model(
    [
      new Dense({ units: 4 }),
      new Activation({ name: 'relu' }),
      new Dense({ units: 3 }),
      new Activation({ name: 'tanh' }),
      new Dense({ units: 2 }),
    ],
    {
      inputShape: [2],
      init: 'none',
    },
  );
}

describe('Monitor', () => {
  it('records known statistics: dead units, saturation, histogram, update ratio', () => {
    const model = net();
    const [w0, b0, w2, , w4] = model.parameters();
    // unit 0 gets x0 + x1 (alive for positive inputs), units 1..3 get -(x0 + x1) - 1: dead for x ≥ 0
    w0?.value.set([1, 1, -1, -1, -1, -1, -1, -1]);
    b0?.value.set([0, -1, -1, -1]);
    w2?.value.set([10, 0, 0, 0, -10, 0, 0, 0, 0.01, 0, 0, 0]); // tanh inputs 10 s, -10 s, 0.01 s (s = x0 + x1)
    w4?.value.set([0.1, 0.2, 0.3, -0.1, 0.1, 0.2]);
    const monitor = new Monitor(model, { bins: 4, range: 2 });
    const data = {
      x: new Float32Array([1, 1, 2, 0, 0.5, 0.5, 1, 2]),
      y: new Int32Array([0, 1, 0, 1]),
      shape: [4, 2],
      yShape: [4],
      classes: 2,
    };
    fit(model, data, {
      optimizer: { kind: 'sgd', lr: 0.1 },
      epochs: 1,
      batchSize: 4,
      shuffle: false,
      monitor,
    });
    expect(monitor.layers()).toEqual(['0', '1', '2', '3', '4']);
    const relu = monitor.series('1');
    expect(relu.steps).toEqual(new Float64Array([0]));
    expect(relu.dead[0]).toBe(3 / 4);
    const tanh = monitor.series('3');
    // 12 outputs: tanh(±10 s) saturate (8 values, s ≥ 1), tanh(0.01 s) and the zero unit do not
    expect(tanh.saturated[0]).toBe(8 / 12);
    // histogram over 4 bins of [-2, 2] plus under/overflow: 12 values in total
    expect(Array.from(tanh.histograms).reduce((a, b) => a + b, 0)).toBe(12);
    // plain SGD: the update is lr · grad, so the ratio is lr ‖g‖ / ‖θ‖ (before the step)
    const out = monitor.series('4');
    const before = Math.sqrt(0.01 + 0.04 + 0.09 + 0.01 + 0.01 + 0.04);
    expect(out.updateRatio[0]).toBeCloseTo((0.1 * (out.gradNorm[0] as number)) / before, 6);
    expect(Number.isNaN(monitor.series('1').gradNorm[0] as number)).toBe(true); // no parameters
    expect(out.inputGradNorm[0]).toBeGreaterThan(0);
  });

  it('keeps at most `capacity` records, the newest, and records every n-th step', () => {
    const model = new Model(
      [new Dense({ units: 8 }), new Activation({ name: 'relu' }), new Dense({ units: 2 })],
      { inputShape: [2], seed: 1 },
    );
    const monitor = new Monitor(model, { capacity: 5, every: 3 });
    const r = fit(model, spirals({ n: 320, rng: 1 }), { epochs: 1, batchSize: 10, monitor });
    expect(r.steps).toBe(32);
    const s = monitor.series('0');
    expect(Array.from(s.steps)).toEqual([18, 21, 24, 27, 30]);
    expect(monitor.latest().map((x) => x.step)).toEqual([30, 30, 30]);
    expect(s.weightNorm.every((v) => v > 0)).toBe(true);
  });

  it('rejects bad options and foreign models', () => {
    const model = net();
    expect(() => new Monitor(model, { capacity: 0 })).toThrow(NnError);
    expect(() => new Monitor(model, { bin: 3 } as never)).toThrow(/did you mean 'bins'/);
    expect(() => new Monitor(null as never)).toThrow(NnError);
    expect(() => new Monitor(model).series('9')).toThrow(NnError);
    const data = spirals({ n: 8, rng: 1 });
    expect(() => fit(net(), data, { monitor: new Monitor(model) })).toThrow(/this model/);
  });
});
