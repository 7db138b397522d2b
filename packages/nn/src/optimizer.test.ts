import { describe, expect, it } from 'vitest';
import { NnError } from './errors';
import type { Parameter } from './layer';
import {
  Adam,
  AdamW,
  clipGradNorm,
  clipGradValue,
  gradNorm,
  type Optimizer,
  RMSprop,
  SGD,
} from './optimizer';
import { createParameter } from './parameter';

/** One scalar parameter starting at 1, stepped with gradients 0.5, −0.2, 0.3; returns the values after each step. */
function run(make: (ps: Parameter[]) => Optimizer): number[] {
  const p = createParameter('', 'w', [1], 'weight');
  p.value[0] = 1;
  const opt = make([p]);
  return [0.5, -0.2, 0.3].map((g) => {
    p.grad[0] = g;
    opt.step();
    return p.value[0] as number;
  });
}

/** float32 storage of the parameter and the state: agreement to about 1e-7 relative. */
function expectClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThan(3e-7);
  }
}

describe('optimizers against hand computations (PyTorch semantics)', () => {
  it('SGD without momentum: θ ← θ − η g', () => {
    // 1 − 0.1·0.5 = 0.95; 0.95 + 0.1·0.2 = 0.97; 0.97 − 0.1·0.3 = 0.94
    expectClose(
      run((ps) => new SGD(ps, { lr: 0.1 })),
      [0.95, 0.97, 0.94],
    );
  });

  it('SGD momentum 0.9 with weight decay 0.1', () => {
    // step 1: g = 0.5 + 0.1·1 = 0.6, b = 0.6 (first step copies g), θ = 1 − 0.06 = 0.94
    // step 2: g = −0.2 + 0.1·0.94 = −0.106, b = 0.9·0.6 − 0.106 = 0.434, θ = 0.94 − 0.0434 = 0.8966
    // step 3: g = 0.3 + 0.08966 = 0.38966, b = 0.9·0.434 + 0.38966 = 0.78026, θ = 0.8966 − 0.078026 = 0.818574
    expectClose(
      run((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, weightDecay: 0.1 })),
      [0.94, 0.8966, 0.818574],
    );
  });

  it('SGD Nesterov', () => {
    // step 1: g = 0.6, b = 0.6, update g + μ b = 0.6 + 0.54 = 1.14, θ = 0.886
    // step 2: g = −0.2 + 0.0886 = −0.1114, b = 0.54 − 0.1114 = 0.4286, update −0.1114 + 0.38574 = 0.27434, θ = 0.858566
    const got = run((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, weightDecay: 0.1, nesterov: true }));
    expectClose(got.slice(0, 2), [0.886, 0.858566]);
  });

  it('SGD dampening 0.5 halves the gradient in the buffer after the first step', () => {
    // b1 = 0.5 (copied), θ = 0.95; b2 = 0.9·0.5 + 0.5·(−0.2) = 0.35, θ = 0.915; b3 = 0.315 + 0.15 = 0.465, θ = 0.8685
    expectClose(
      run((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, dampening: 0.5 })),
      [0.95, 0.915, 0.8685],
    );
  });

  it('Adam', () => {
    // step 1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25, θ = 1 − 0.1·0.5/(0.5 + 1e-8) = 0.900000002
    // step 2: m = 0.045 − 0.02 = 0.025, v = 0.00024975 + 0.00004 = 0.00028975,
    //         θ = 0.9 − (0.1/0.19)·0.025/(sqrt(0.00028975)/sqrt(0.001999) + 1e-8) = 0.8654394181
    expectClose(
      run((ps) => new Adam(ps, { lr: 0.1 })),
      [0.900000002, 0.8654394181165107, 0.8109953836811553],
    );
  });

  it('Adam with L2 weight decay adds λθ to the gradient', () => {
    // step 1: g = 0.6, m̂ = 0.6, v̂ = 0.36: θ = 1 − 0.1·0.6/0.6 ≈ 0.9; later steps differ from plain Adam
    expectClose(
      run((ps) => new Adam(ps, { lr: 0.1, weightDecay: 0.1 })),
      [0.9000000016666666, 0.8475190629593702, 0.7791121607663537],
    );
  });

  it('AdamW decays the weight before the Adam step', () => {
    // step 1: θ = 1·(1 − 0.1·0.1) = 0.99, then − 0.1 (Adam step on the raw gradient) = 0.89
    expectClose(
      run((ps) => new AdamW(ps, { lr: 0.1, weightDecay: 0.1 })),
      [0.890000002, 0.8465394180965107, 0.7836299894801901],
    );
  });

  it('RMSprop plain, with momentum, and centered', () => {
    // step 1: v = 0.01·0.25 = 0.0025, θ = 1 − 0.01·0.5/(0.05 + 1e-8) = 0.90000002
    // step 2: v = 0.002475 + 0.0004 = 0.002875, θ = 0.9 + 0.01·0.2/0.053619 = 0.93730021
    expectClose(
      run((ps) => new RMSprop(ps, { lr: 0.01 })),
      [0.900000019999996, 0.9373002053730881, 0.8882859052415076],
    );
    // momentum 0.9: b2 = 0.9·10 − 3.72999 = 5.27000, θ = 0.9 − 0.0527 = 0.8473002
    expectClose(
      run((ps) => new RMSprop(ps, { lr: 0.01, momentum: 0.9 })),
      [0.900000019999996, 0.8473002233730845, 0.7508561062772837],
    );
    // centered step 1: ḡ = 0.005, a = sqrt(0.0025 − 0.000025) + 1e-8 = 0.0497494, θ = 1 − 0.005/0.0497494 = 0.8994962
    expectClose(
      run((ps) => new RMSprop(ps, { lr: 0.01, centered: true })),
      [0.899496238676095, 0.9368530055430733, 0.8876077790273619],
    );
  });

  it('allocates its state once', () => {
    const p = createParameter('', 'w', [3], 'weight');
    const opt = new Adam([p]);
    opt.step();
    const state = (opt as unknown as { state: Map<Parameter, Float32Array[]> }).state.get(p);
    opt.step();
    expect((opt as unknown as { state: Map<Parameter, Float32Array[]> }).state.get(p)).toBe(state);
  });

  it('rejects bad options', () => {
    const p = [createParameter('', 'w', [1], 'weight')];
    expect(() => new SGD(p, { lr: -1 })).toThrow(NnError);
    expect(() => new SGD(p, { nesterov: true })).toThrow(/momentum/);
    expect(() => new SGD(p, { momentun: 0.9 } as never)).toThrow(/did you mean 'momentum'/);
    expect(() => new Adam(p, { betas: [1, 0.9] })).toThrow(NnError);
    expect(() => new RMSprop(p, { eps: 0 })).toThrow(NnError);
    expect(() => new SGD([{ value: 1 }] as never)).toThrow(NnError);
  });
});

describe('gradient clipping', () => {
  it('by norm: scales by maxNorm / (norm + 1e-6) and returns the norm', () => {
    const a = createParameter('', 'a', [2], 'weight');
    const b = createParameter('', 'b', [1], 'bias');
    a.grad.set([3, 0]);
    b.grad.set([4]);
    expect(clipGradNorm([a, b], 1)).toBeCloseTo(5, 12);
    const k = 1 / (5 + 1e-6);
    expect(a.grad[0]).toBeCloseTo(3 * k, 6);
    expect(b.grad[0]).toBeCloseTo(4 * k, 6);
    expect(clipGradNorm([a, b], 10)).toBeCloseTo(1, 5); // below the bound: unchanged
    expect(a.grad[0]).toBeCloseTo(3 * k, 6);
  });

  it('norm without overflow for huge gradients', () => {
    const a = createParameter('', 'a', [2], 'weight');
    a.grad.set([3e38, 3e38]);
    expect(gradNorm([a])).toBeCloseTo(Math.SQRT2 * 3e38, -32);
  });

  it('by value', () => {
    const a = createParameter('', 'a', [3], 'weight');
    a.grad.set([-3, 0.5, 2]);
    clipGradValue([a], 1);
    expect(Array.from(a.grad)).toEqual([-1, 0.5, 1]);
    expect(() => clipGradValue([a], 0)).toThrow(NnError);
  });
});
