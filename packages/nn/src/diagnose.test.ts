import { describe, expect, it } from 'vitest';
import { Activation } from './activation';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { diagnose } from './diagnose';
import { NnError } from './errors';
import { Flatten } from './flatten';
import { Model } from './model';
import { MaxPool2D } from './pool2d';
import { Residual } from './residual';
import { Sequential } from './sequential';
import { spirals } from './synthetic-spirals';

function deep(init: unknown, depth: number, activation = 'tanh'): Model {
  const layers = [];
  for (let i = 0; i < depth; i++)
    layers.push(new Dense({ units: 64 }), new Activation({ name: activation as 'tanh' }));
  layers.push(new Dense({ units: 2 }));
  return new Model(layers, { inputShape: [2], init: init as never, seed: 1 });
}

describe('diagnose', () => {
  const data = spirals({ n: 128, rng: 5 });

  it('finds a well-initialized ReLU MLP healthy and agrees with the advisor', () => {
    const report = diagnose(deep('auto', 6, 'relu'), data);
    expect(report.verdict).toBe('healthy');
    expect(report.advisor?.verdict).toBe('healthy');
    expect(report.advisor?.sigmaW2).toBeGreaterThan(1.5);
    expect(report.disagreements).toEqual([]);
    expect(report.layers.length).toBe(13);
    expect(report.jacobian.probes).toBe(2);
    expect(report.jacobian.singularValues[0]).toBeGreaterThan(0);
  });

  it('detects vanishing gradients in a deep tanh net with small weights, as the advisor predicts', () => {
    const report = diagnose(deep({ name: 'normal', std: 0.05 }, 12), data);
    expect(report.verdict).toBe('vanishing');
    expect(report.gradientRatio).toBeLessThan(1e-2);
    expect(report.layers.find((l) => l.layer === '0')?.verdict).toBe('vanishing');
    expect(report.advisor?.verdict).toBe('vanishing');
    expect(report.disagreements).toEqual([]);
  });

  it('reports dead ReLUs', () => {
    const model = deep('auto', 2, 'relu');
    const b = model.parameters()[1];
    b?.value.fill(-100); // first layer's bias: every unit off
    const report = diagnose(model, data);
    expect(report.layers.find((l) => l.layer === '1')?.verdict).toBe('dead');
    expect(report.layers.find((l) => l.layer === '1')?.dead).toBe(1);
  });

  it('changes nothing and rejects bad input', () => {
    const model = deep('auto', 2, 'relu');
    const before = model.parameters().map((p) => Array.from(p.value));
    diagnose(model, data);
    expect(model.parameters().map((p) => Array.from(p.value))).toEqual(before);
    expect(model.parameters().every((p) => p.grad.every((g) => g === 0))).toBe(true);
    expect(() => diagnose(model, data, { probe: 3 } as never)).toThrow(/did you mean 'probes'/);
    expect(() => diagnose(model, { ...data, x: new Float32Array(384), shape: [128, 3] })).toThrow(NnError);
  });

  const images = (n: number) => {
    const x = new Float32Array(n * 1 * 8 * 8);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.37) + Math.cos(i * 0.11);
    const y = new Float32Array(n).map((_, i) => i % 2);
    return { x, shape: [n, 1, 8, 8], y, yShape: [n], classes: 2 };
  };

  it('predicts for a plain conv chain too, with fan_in = in·kh·kw', () => {
    const convs = (std: number) => {
      const layers = [];
      for (let i = 0; i < 8; i++)
        layers.push(new Conv2D({ filters: 8, kernelSize: 3, padding: 1 }), new Activation({ name: 'tanh' }));
      layers.push(new Flatten(), new Dense({ units: 2 }));
      return new Model(layers, { inputShape: [1, 8, 8], init: { name: 'normal', std }, seed: 2 });
    };
    const small = diagnose(convs(0.05), images(16) as never);
    expect(small.advisor?.verdict).toBe('vanishing');
    // fan_in of the hidden convs is 8·3·3 = 72 (1·3·3 = 9 for the first): sigma_w^2 = 72·0.05² (and 9·0.05²)
    // (the sample mean of W² is within a few percent of std²; fan_in = in channels alone would give 0.018)
    const expected = ((9 + 7 * 72) * 0.0025) / 8;
    expect(Math.abs((small.advisor?.sigmaW2 as number) / expected - 1)).toBeLessThan(0.05);
    expect(small.advisorNote).toBeUndefined();
    const xavier = diagnose(
      new Model(
        [
          new Conv2D({ filters: 8, kernelSize: 3, padding: 1 }),
          new Activation({ name: 'tanh' }),
          new Conv2D({ filters: 8, kernelSize: 3, padding: 1 }),
          new Activation({ name: 'tanh' }),
          new Flatten(),
          new Dense({ units: 2 }),
        ],
        { inputShape: [1, 8, 8], init: 'auto', seed: 2 },
      ),
      images(16) as never,
    );
    expect(xavier.advisor).toBeDefined();
  });

  it('says why there is no prediction for pooled and residual networks (never a plain-chain guess)', () => {
    const pooled = new Model(
      [
        new Conv2D({ filters: 4, kernelSize: 3, padding: 1 }),
        new Activation({ name: 'relu' }),
        new MaxPool2D({ kernelSize: 2 }),
        new Flatten(),
        new Dense({ units: 2 }),
      ],
      { inputShape: [1, 8, 8], init: 'auto', seed: 2 },
    );
    const p = diagnose(pooled, images(8) as never);
    expect(p.advisor).toBeUndefined();
    expect(p.advisorNote).toMatch(/max_pool2d layer/);
    const block = () =>
      new Residual({
        body: new Sequential([
          new Dense({ units: 16 }),
          new Activation({ name: 'relu' }),
          new Dense({ units: 16 }),
        ]),
      });
    const residual = new Model([new Dense({ units: 16 }), block(), block(), new Dense({ units: 2 })], {
      inputShape: [2],
      init: 'auto',
      seed: 4,
    });
    const r = diagnose(residual, data);
    expect(r.advisor).toBeUndefined();
    expect(r.advisorNote).toMatch(/residual block/);
  });
});
