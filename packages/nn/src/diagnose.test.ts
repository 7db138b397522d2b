import { describe, expect, it } from 'vitest';
import { Activation } from './activation';
import { Dense } from './dense';
import { diagnose } from './diagnose';
import { NnError } from './errors';
import { Model } from './model';
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
});
