import { describe, expect, it } from 'vitest';
import { Dense } from './dense';
import { NnError } from './errors';
import { checkLayerGradients } from './gradient-check';

describe('Dense', () => {
  it('computes y = x Wᵀ + b with [out, in] weights', () => {
    const fc = new Dense({ units: 2 });
    expect(fc.build([3], 'fc')).toEqual([2]);
    const [w, b] = fc.parameters();
    expect(w?.name).toBe('fc.weight');
    expect(w?.shape).toEqual([2, 3]);
    expect(b?.name).toBe('fc.bias');
    w?.value.set([1, 2, 3, 4, 5, 6]);
    b?.value.set([0.5, -1]);
    const y = fc.forward(new Float32Array([1, 0, -1, 2, 1, 0]), 2, false);
    // row 0: [1-3, 4-6] + b = [-1.5, -3]; row 1: [2+2, 8+5] + b = [4.5, 12]
    expect(Array.from(y)).toEqual([-1.5, -3, 4.5, 12]);
  });

  it('passes the gradient check for input, weight and bias', () => {
    const fc = new Dense({ units: 5 });
    fc.build([7], 'fc');
    fc.parameters()[0]?.value.set(Array.from({ length: 35 }, (_, i) => Math.sin(i)));
    fc.parameters()[1]?.value.set([0.1, -0.2, 0.3, 0, 1]);
    const r = checkLayerGradients(fc, { batch: 3 });
    expect(r.maxError).toBeLessThan(1e-2);
    expect(r.checked).toBeGreaterThan(40);
  });

  it('reuses its buffers for a fixed batch size', () => {
    const fc = new Dense({ units: 4 });
    fc.build([3], 'fc');
    const x = new Float32Array(6);
    const y1 = fc.forward(x, 2, true);
    const d1 = fc.backward(new Float32Array(8), 2);
    expect(fc.forward(x, 2, true)).toBe(y1);
    expect(fc.backward(new Float32Array(8), 2)).toBe(d1);
  });

  it('rejects bad options and shapes with typed errors', () => {
    expect(() => new Dense({ units: 0 })).toThrow(NnError);
    expect(() => new Dense({ unit: 3 } as never)).toThrow(/did you mean 'units'/);
    const fc = new Dense({ units: 2 });
    expect(() => fc.build([3, 4], 'head')).toThrow(/head \(dense\)/);
    expect(() => fc.backward(new Float32Array(2), 1)).toThrow(NnError);
  });
});
