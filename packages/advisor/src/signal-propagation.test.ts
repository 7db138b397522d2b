import { describe, expect, it } from 'vitest';
import { AdvisorError } from './errors';
import { propagate, propagateLayers } from './signal-propagation';

describe('propagate', () => {
  it('He + ReLU keeps variance and gradient constant over 50 layers', () => {
    const r = propagate({ activation: 'relu', depth: 50, sigmaW2: 2 });
    expect(r.verdict).toBe('healthy');
    expect(r.signalLostAt).toBeNull();
    for (const layer of r.layers) {
      expect(layer.forwardRatio).toBeCloseTo(1, 10);
      expect(layer.gradNormRatio).toBeCloseTo(1, 10);
    }
  });
  it('ReLU with sigma_w^2 = 1 halves the variance each layer: lost after 8 layers (2^-7 < 1/100)', () => {
    const r = propagate({ activation: 'relu', depth: 50, sigmaW2: 1 });
    expect(r.verdict).toBe('vanishing');
    expect(r.signalLostAt).toBe(8);
    expect(r.lostIn).toBe('forward');
    expect(r.layers[9]!.forwardRatio).toBeCloseTo(2 ** -9, 12);
    // gradients halve too (chi = 1/2), counted from the last hidden layer (index 48)
    expect(r.layers[40]!.gradNormRatio).toBeCloseTo(Math.sqrt(2 ** -8), 10);
  });
  it('ReLU with sigma_w^2 = 3 explodes', () => {
    const r = propagate({ activation: 'relu', depth: 30, sigmaW2: 3 });
    expect(r.verdict).toBe('exploding');
    expect(r.signalLostAt).toBe(Math.ceil(Math.log(100) / Math.log(1.5)) + 1);
  });
  it('tanh with Xavier (sigma_w^2 = 1) slowly loses its variance; with sigma_w^2 = 4 gradients explode', () => {
    const x = propagate({ activation: 'tanh', depth: 100, sigmaW2: 1 });
    expect(x.verdict).toBe('vanishing');
    expect(x.signalLostAt).toBeGreaterThan(20);
    const big = propagate({ activation: 'tanh', depth: 100, sigmaW2: 4 });
    expect(big.verdict).toBe('exploding');
    expect(big.lostIn).toBe('backward');
  });
  it('flags saturation of bounded units', () => {
    const r = propagate({ activation: 'tanh', depth: 10, sigmaW2: 25, sigmaB2: 1 });
    expect(r.verdict).toBe('saturating');
    expect(r.lostIn).toBe('saturation');
  });
  it('never returns NaN: a custom activation with non-finite values is rejected', () => {
    const bad = { fn: (x: number) => (x > 3 ? Number.NaN : x) };
    expect(() => propagate({ activation: bad, depth: 3, sigmaW2: 1 })).toThrow(/non-finite/);
  });
  it('validates depth and numbers', () => {
    expect(() => propagate({ activation: 'relu', depth: 0, sigmaW2: 2 })).toThrow(AdvisorError);
    expect(() => propagate({ activation: 'relu', depth: 1.5, sigmaW2: 2 })).toThrow(AdvisorError);
    expect(() => propagate({ activation: 'relu', depth: 1e9, sigmaW2: 2 })).toThrow(/at most/);
    expect(() => propagate({ activation: 'relu', depth: 3, sigmaW2: -2 })).toThrow(AdvisorError);
    expect(() => propagateLayers([])).toThrow(AdvisorError);
  });
});

describe('propagateLayers with residual branches', () => {
  it('adds branch variance to the trunk and the identity path to the gradient', () => {
    // Two ReLU layers per branch with He scaling: each branch returns variance ~ its input's, so the trunk doubles.
    const block = (id: string) => [
      { activation: 'relu' as const, sigmaW2: 2, branch: id },
      { activation: 'linear' as const, sigmaW2: 1, branch: id },
    ];
    const layers = [...block('b1'), ...block('b2'), { activation: 'linear' as const, sigmaW2: 1 }];
    const r = propagateLayers(layers);
    // q1 = 2, q2 = E[relu^2](2) = 1, trunk after block 1 = 1 + 1 = 2; q3 = 2 * 2 = 4, q4 = 2,
    // trunk after block 2 = 2 + 2 = 4, so the linear head sees q5 = 4.
    expect(r.layers[1]!.q).toBeCloseTo(1, 12);
    expect(r.layers[2]!.q).toBeCloseTo(4, 12);
    expect(r.layers[4]!.q).toBeCloseTo(4, 12);
    // Backward: gradient into the trunk doubles per block.
    expect(r.layers[0]!.gradNormRatio).toBeGreaterThan(r.layers[2]!.gradNormRatio);
  });
  it('zero-initialized branch ends leave the trunk untouched (Fixup-style)', () => {
    const layers = [
      { activation: 'relu' as const, sigmaW2: 2, branch: 'a' },
      { activation: 'linear' as const, sigmaW2: 0, branch: 'a' },
      { activation: 'linear' as const, sigmaW2: 1 },
    ];
    const r = propagateLayers(layers);
    expect(r.layers[2]!.q).toBeCloseTo(1, 12);
    expect(r.verdict).toBe('healthy');
  });
});

describe('propagate at extreme depth', () => {
  it('holds exploding values at 1e100 instead of overflowing, and still judges', () => {
    const r = propagate({ activation: 'relu', depth: 2000, sigmaW2: 4 });
    expect(r.verdict).toBe('exploding');
    expect(r.signalLostAt).toBe(8);
    const last = r.layers[1999]!;
    expect(last.q).toBe(1e100);
    expect(Number.isFinite(r.layers[0]!.gradNormRatio)).toBe(true);
    for (const l of r.layers) expect(Number.isNaN(l.q) || Number.isNaN(l.gradNormRatio)).toBe(false);
  });
});

describe('honest verdicts', () => {
  it('a variance held at the 1e100 cap is exploding, not healthy', () => {
    const r = propagate({ activation: 'relu', depth: 5, sigmaW2: 1e306 });
    expect(r.verdict).toBe('exploding');
    expect(r.signalLostAt).toBe(1);
    expect(r.summary).toMatch(/passes 1e100/);
  });
  it('never says healthy beside a gradient norm ratio outside [1/10, 10] of a square stack', () => {
    for (const sigmaW2 of [1e-300, 1e-10, 0.5, 1, 2, 4, 1e10, 1e200, 1e306]) {
      for (const activation of ['relu', 'tanh', 'linear', 'selu'] as const) {
        const r = propagate({ activation, depth: 5, sigmaW2 });
        if (r.verdict !== 'healthy') continue;
        for (const l of r.layers) {
          expect(l.gradNormRatio, `${activation} ${sigmaW2}`).toBeGreaterThanOrEqual(0.1);
          expect(l.gradNormRatio, `${activation} ${sigmaW2}`).toBeLessThanOrEqual(10);
        }
      }
    }
  });
  it('rejects misspelled and null options with did-you-mean', () => {
    expect(() => propagate({ activation: 'relu', depth: 5, sigmaW2: 2, sigma2B: 0.1 } as never)).toThrow(
      /did you mean 'sigmaB2'/,
    );
    expect(() => propagate(null as never)).toThrow(AdvisorError);
    expect(() => propagateLayers([{ activation: 'relu', sigmaW2: 2, brnach: 'a' } as never])).toThrow(
      /layers\[0\]\.brnach: unknown option 'brnach' \(did you mean 'branch'\?\)/,
    );
    expect(() => propagateLayers(new Array(2).fill({ activation: 'relu', sigmaW2: 2 }, 1) as never)).toThrow(
      AdvisorError,
    );
  });
});

describe('ratios stay finite', () => {
  it('a first-layer variance that underflows to 0 gives a held ratio, not Infinity', () => {
    const r = propagateLayers(
      [
        { activation: 'relu', sigmaW2: 5e-324 },
        { activation: 'relu', sigmaW2: 1, sigmaB2: 1 },
      ],
      5e-324,
    );
    for (const l of r.layers) {
      expect(Number.isFinite(l.forwardRatio)).toBe(true);
      expect(Number.isFinite(l.gradNormRatio)).toBe(true);
    }
    expect(r.verdict).toBe('vanishing');
  });
});
