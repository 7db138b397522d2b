import { resolveActivation } from '@init/advisor';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../state/schema';
import { activate, activateArray, derivative, multiplyDerivative } from './activation-fns';

describe('activation functions', () => {
  const xs = [-25, -6, -2.5, -1, -0.3, -1e-3, 0.2, 0.7, 1.5, 4, 19, 30];
  it.each(ACTIVATIONS)('%s agrees with @init/advisor in value and slope', (name) => {
    const ref = resolveActivation(name);
    for (const x of xs) {
      expect(activate(name, x)).toBeCloseTo(ref.fn(x), 6);
      expect(derivative(name, x)).toBeCloseTo(ref.derivative(x), 5);
    }
  });

  it.each(ACTIVATIONS)('%s: the array forms match the scalar ones', (name) => {
    const x = Float32Array.from(xs);
    const y = new Float32Array(x.length);
    activateArray(name, x, y);
    const g = new Float32Array(x.length).fill(2);
    multiplyDerivative(name, x, g);
    xs.forEach((v, i) => {
      expect(y[i]).toBeCloseTo(activate(name, Math.fround(v)), 5);
      expect(g[i]).toBeCloseTo(2 * derivative(name, Math.fround(v)), 5);
    });
  });
});
