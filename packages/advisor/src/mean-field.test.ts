import { describe, expect, it } from 'vitest';
import fixture from '../test/fixtures/mean-field.json';
import { resolveActivation } from './activations';
import { AdvisorError } from './errors';
import { integrate } from './gaussian-expectation';
import {
  chi1,
  criticalSigmaW,
  depthScales,
  secondMomentAt,
  slopeMomentAt,
  varianceFixedPoint,
  varianceMap,
} from './mean-field';

describe('mean-field variance map', () => {
  it('is exactly linear for ReLU: q -> sigma_w^2 q / 2 + sigma_b^2', () => {
    expect(varianceMap('relu', 3, { sigmaW2: 2 })).toBeCloseTo(3, 13);
    expect(varianceMap('relu', 1, { sigmaW2: 1, sigmaB2: 0.5 })).toBeCloseTo(1, 13);
    expect(varianceMap('linear', 2, { sigmaW2: 0.5, sigmaB2: 0.1 })).toBeCloseTo(1.1, 13);
  });
  it('finds q* = sigma_b^2 / (1 - sigma_w^2/2) for ReLU in the ordered phase', () => {
    const fp = varianceFixedPoint('relu', { sigmaW2: 1, sigmaB2: 0.3 });
    expect(fp.converged).toBe(true);
    expect(fp.q).toBeCloseTo(0.6, 10);
  });
  it('reports divergence and the zero fixed point', () => {
    expect(varianceFixedPoint('relu', { sigmaW2: 3 }).diverged).toBe(true);
    const zero = varianceFixedPoint('tanh', { sigmaW2: 0.5 });
    expect(zero.converged).toBe(true);
    expect(zero.q).toBe(0);
  });
});

describe('tanh fixed points against mpmath', () => {
  it('matches q* and chi_1 to 1e-9', () => {
    for (const row of fixture.fixedPoints) {
      const params = { sigmaW2: row.sigmaW2, sigmaB2: row.sigmaB2 };
      expect(Math.abs(varianceFixedPoint('tanh', params).q - Number(row.qStar))).toBeLessThan(1e-9);
      expect(Math.abs(chi1('tanh', params) - Number(row.chi1))).toBeLessThan(1e-9);
    }
  });
});

describe('chi_1 and the edge of chaos', () => {
  it('ReLU: chi_1 = sigma_w^2 / 2, so the critical point is sigma_w^2 = 2 at sigma_b = 0', () => {
    expect(chi1('relu', { sigmaW2: 2 })).toBeCloseTo(1, 12);
    expect(chi1('relu', { sigmaW2: 1.5 })).toBeCloseTo(0.75, 12);
    const c = criticalSigmaW('relu', 0);
    expect(Math.abs(c.sigmaW2 - 2)).toBeLessThan(1e-9);
    expect(Math.abs(c.sigmaW - Math.SQRT2)).toBeLessThan(1e-9);
  });
  it('tanh, sigma_b^2 = 0.05: critical near sigma_w^2 = 1.76 with q* about 0.57', () => {
    const c = criticalSigmaW('tanh', Math.sqrt(0.05));
    expect(Math.abs(c.sigmaW2 - 1.76)).toBeLessThan(0.005);
    expect(Math.abs(c.qStar - 0.569)).toBeLessThan(0.002);
    // mpmath reference (scripts/reference/advisor_mean_field.py).
    const ref = fixture.critical[0]!;
    expect(ref.sigmaB2).toBe(0.05);
    expect(Math.abs(c.sigmaW2 - Number(ref.sigmaW2))).toBeLessThan(1e-9);
    expect(Math.abs(c.qStar - Number(ref.qStar))).toBeLessThan(1e-9);
    expect(Math.abs(c.chi1 - 1)).toBeLessThan(1e-9);
  });
  it('tanh at sigma_b = 0 is critical at sigma_w^2 = 1 (q* -> 0)', () => {
    expect(Math.abs(criticalSigmaW('tanh').sigmaW2 - 1)).toBeLessThan(1e-5);
  });
  it("hand-derived crossings: chi_1 = sigma_w^2 E[phi'^2] is constant for piecewise-linear activations", () => {
    // E[relu'^2] = 1/2 for every q, so sigma_w^2 = 2 even when sigma_b > 0 makes q grow without bound.
    expect(Math.abs(criticalSigmaW('relu', 0.5).sigmaW2 - 2)).toBeLessThan(1e-9);
    // leaky ReLU: E[phi'^2] = (1 + a^2) / 2; linear: E[phi'^2] = 1.
    expect(Math.abs(criticalSigmaW({ name: 'leaky_relu', slope: 0.2 }).sigmaW2 - 2 / 1.04)).toBeLessThan(
      1e-9,
    );
    expect(Math.abs(criticalSigmaW('linear', 1).sigmaW2 - 1)).toBeLessThan(1e-9);
  });
  it('refuses bias scales without a meaningful answer instead of reporting a wrong q*', () => {
    for (const sigmaB of [1e300, 2e6, Number.POSITIVE_INFINITY, Number.NaN]) {
      try {
        criticalSigmaW('relu', sigmaB);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AdvisorError);
        expect((e as AdvisorError).code).toBe('INVALID_ARGUMENT');
        expect((e as AdvisorError).argument).toBe('sigmaB');
      }
    }
    // tanh at sigma_b = 1e6: the first step already leaves the range, and chi_1 depends on q.
    expect(() => criticalSigmaW('tanh', 1e6)).toThrow(/grows without bound/);
    // A large but finite bias scale still works where the answer exists.
    const c = criticalSigmaW('tanh', 10);
    expect(Math.abs(c.chi1 - 1)).toBeLessThan(1e-9);
    expect(
      Math.abs(varianceFixedPoint('tanh', { sigmaW2: c.sigmaW2, sigmaB2: 100 }).q - c.qStar),
    ).toBeLessThan(1e-9 * c.qStar);
  });
  it('refuses activations without a smooth crossing', () => {
    expect(() => criticalSigmaW({ fn: (x) => 1e-3 * Math.tanh(x) })).toThrow(/does not cross/);
    expect(() => criticalSigmaW('relu', -1)).toThrow(AdvisorError);
  });
});

describe('depthScales', () => {
  it('classifies phases and gives xi_grad = 1 / |ln chi_1|', () => {
    const ordered = depthScales('tanh', { sigmaW2: 1.5, sigmaB2: 0.05 });
    expect(ordered.phase).toBe('ordered');
    expect(ordered.cStar).toBe(1);
    expect(ordered.xiGrad).toBeCloseTo(1 / Math.abs(Math.log(ordered.chi1)), 12);
    expect(ordered.xiC).toBeCloseTo(ordered.xiGrad, 12);
    expect(ordered.xiQ).toBeGreaterThan(0);
    const chaotic = depthScales('tanh', { sigmaW2: 3, sigmaB2: 0.05 });
    expect(chaotic.phase).toBe('chaotic');
    expect(chaotic.cStar).toBeGreaterThan(0);
    expect(chaotic.cStar).toBeLessThan(1);
    expect(chaotic.xiC).toBeGreaterThan(0);
    expect(depthScales('relu', { sigmaW2: 2 }).phase).toBe('critical');
    expect(depthScales('relu', { sigmaW2: 2 }).xiGrad).toBe(Number.POSITIVE_INFINITY);
  });
  it('rejects a diverging configuration', () => {
    expect(() => depthScales('relu', { sigmaW2: 4 })).toThrow(/no fixed point/);
  });
});

describe('mean-field quadrature', () => {
  it('agrees with a much finer rule to 1e-11 for q from 1e-6 to 1e8', () => {
    for (const name of ['tanh', 'gelu', 'elu', 'silu', 'sigmoid', 'selu', 'relu'] as const) {
      const a = resolveActivation(name);
      for (const q of [1e-6, 0.3, 1, 10, 1e2, 1e4, 1e8]) {
        const fine = (f: (x: number) => number) => integrate(f, 0, q, a.kinks, 32, 0.1, 13, 1e6, 40);
        const m2 = fine((x) => a.fn(x) ** 2);
        const s2 = fine((x) => a.derivative(x) ** 2);
        expect(Math.abs(secondMomentAt(a, q) / m2 - 1), `${name} q=${q}`).toBeLessThan(1e-11);
        expect(Math.abs(slopeMomentAt(a, q) / s2 - 1), `${name} q=${q}`).toBeLessThan(1e-11);
      }
    }
    // Exact: ReLU moments scale with q.
    const relu = resolveActivation('relu');
    expect(secondMomentAt(relu, 1e8) / 5e7).toBeCloseTo(1, 12);
    expect(slopeMomentAt(relu, 1e8)).toBeCloseTo(0.5, 12);
  });
});

describe('depthScales cost is bounded in the chaotic phase', () => {
  it('tanh from sigma_w^2 = 1000 to 1e12 returns within a second each, with c* in [0, 1)', () => {
    for (const sigmaW2 of [1000, 1e6, 1e12]) {
      const t = performance.now();
      const d = depthScales('tanh', { sigmaW2 });
      expect(performance.now() - t, `sigmaW2 = ${sigmaW2}`).toBeLessThan(3000);
      expect(d.phase).toBe('chaotic');
      // tanh is odd and there is no bias, so c* = 0 exactly and q* ~ sigma_w^2 E[sign^2] = sigma_w^2.
      expect(Math.abs(d.cStar)).toBeLessThan(1e-9);
      expect(d.qStar / sigmaW2).toBeGreaterThan(0.97);
    }
  });
  it('a biased chaotic point still finds its correlation fixed point (c* = M(c*))', () => {
    const d = depthScales('tanh', { sigmaW2: 3, sigmaB2: 0.05 });
    expect(d.cStar).toBeCloseTo(0.2993176, 6);
    // A custom activation without a feature radius stays bounded too.
    const t = performance.now();
    expect(depthScales({ fn: Math.sin }, { sigmaW2: 1000 }).phase).toBe('chaotic');
    expect(performance.now() - t).toBeLessThan(3000);
  });
});

describe('mean-field options', () => {
  it('rejects null, unknown keys (with a suggestion) and overflowing products with typed errors', () => {
    const cases: [() => unknown, string, string, RegExp?][] = [
      [() => chi1('tanh', null as never), 'INVALID_ARGUMENT', 'params'],
      [() => chi1('tanh', undefined as never), 'INVALID_ARGUMENT', 'params'],
      [
        () => depthScales('tanh', { sigmaW2: 1, sigmaB: 0.1 } as never),
        'INVALID_ARGUMENT',
        'sigmaB',
        /did you mean 'sigmaB2'/,
      ],
      [() => varianceMap('relu', 1e10, { sigmaW2: 1e300 }), 'NOT_FINITE', 'sigmaW2'],
      [() => varianceFixedPoint('relu', Object.create(null)), 'INVALID_ARGUMENT', 'sigmaW2'],
      [() => chi1('relu', { sigmaW2: 10n } as never), 'INVALID_ARGUMENT', 'sigmaW2', /BigInt/],
    ];
    for (const [call, code, argument, message] of cases) {
      try {
        call();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AdvisorError);
        expect((e as AdvisorError).code).toBe(code);
        expect((e as AdvisorError).argument).toBe(argument);
        if (message) expect((e as AdvisorError).message).toMatch(message);
      }
    }
  });
});
