import { describe, expect, it } from 'vitest';
import { AdvisorError } from './errors';
import { gaussLegendre } from './gauss-legendre';
import { gaussianExpectation } from './gaussian-expectation';

describe('gaussLegendre', () => {
  it('is exact for polynomials up to degree 2n - 1', () => {
    for (const n of [1, 2, 3, 7, 16, 40]) {
      const { nodes, weights } = gaussLegendre(n);
      for (let degree = 0; degree <= 2 * n - 1; degree++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += weights[i]! * nodes[i]! ** degree;
        const exact = degree % 2 === 1 ? 0 : 2 / (degree + 1);
        expect(Math.abs(sum - exact)).toBeLessThan(1e-14);
      }
    }
  });
  it('gives the textbook 2-point rule', () => {
    const { nodes, weights } = gaussLegendre(2);
    expect(nodes[1]).toBeCloseTo(1 / Math.sqrt(3), 15);
    expect(weights[0]).toBeCloseTo(1, 15);
  });
  it('rejects bad sizes with a typed error', () => {
    for (const bad of [0, -1, 1.5, 513, Number.NaN]) {
      expect(() => gaussLegendre(bad)).toThrow(AdvisorError);
    }
  });
});

describe('gaussianExpectation', () => {
  it('reproduces Gaussian moments', () => {
    expect(gaussianExpectation((x) => x * x, { variance: 4 })).toBeCloseTo(4, 13);
    expect(gaussianExpectation((x) => x ** 4)).toBeCloseTo(3, 13);
    expect(gaussianExpectation((x) => x, { mean: 2.5, variance: 0.3 })).toBeCloseTo(2.5, 13);
    expect(gaussianExpectation((x) => Math.exp(x))).toBeCloseTo(Math.exp(0.5), 13);
    expect(gaussianExpectation((x) => x + 1, { mean: 3, variance: 0 })).toBe(4);
  });
  it('is exact at kinks when they are given as breakpoints', () => {
    const relu2 = (x: number) => (x > 0.7 ? (x - 0.7) ** 2 : 0);
    // E[(z - a)_+^2] = (1 + a^2)(1 - Phi(a)) - a phi(a), a = 0.7.
    const exact = 0.14194808845564591;
    expect(Math.abs(gaussianExpectation(relu2, { breakpoints: [0.7] }) - exact)).toBeLessThan(1e-14);
  });
  it('rejects bad options and non-finite integrands', () => {
    expect(() => gaussianExpectation((x) => x, { variance: -1 })).toThrow(AdvisorError);
    expect(() => gaussianExpectation((x) => x, { order: 1 })).toThrow(AdvisorError);
    expect(() => gaussianExpectation((x) => x, { panel: 0 })).toThrow(AdvisorError);
    expect(() => gaussianExpectation(() => Number.NaN)).toThrow(/non-finite/);
  });
});

describe('gaussianExpectation on hostile input', () => {
  it('keeps full precision for a mean far larger than the standard deviation', () => {
    expect(gaussianExpectation((x) => x, { mean: 1e20, variance: 1 }) / 1e20).toBeCloseTo(1, 14);
    // The centred second moment around a huge mean is still the variance.
    expect(gaussianExpectation((x) => (x - 1e8) ** 2, { mean: 1e8, variance: 1 })).toBeCloseTo(1, 6);
    expect(
      gaussianExpectation((x) => (x > 1e6 ? 1 : 0), { mean: 1e6, variance: 1e-6, breakpoints: [1e6] }),
    ).toBeCloseTo(0.5, 12);
  });
  it('throws typed errors for a non-function, unknown keys, null options and a throwing f', () => {
    const cases: [() => unknown, string, string][] = [
      [() => gaussianExpectation(Number.NaN as never), 'INVALID_ARGUMENT', 'f'],
      [() => gaussianExpectation((x) => x, null as never), 'INVALID_ARGUMENT', 'options'],
      [() => gaussianExpectation((x) => x, { varaince: 2 } as never), 'INVALID_ARGUMENT', 'varaince'],
      [() => gaussianExpectation((x) => x, { mean: '1' } as never), 'INVALID_ARGUMENT', 'mean'],
      [() => gaussianExpectation((x) => x, { breakpoints: [Number.NaN] }), 'INVALID_ARGUMENT', 'breakpoints'],
      [
        () =>
          gaussianExpectation(() => {
            throw new TypeError('boom');
          }),
        'INVALID_ARGUMENT',
        'f',
      ],
      [() => gaussianExpectation((x) => x * x, { variance: 1e308 }), 'NOT_FINITE', 'f'],
    ];
    for (const [call, code, argument] of cases) {
      try {
        call();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AdvisorError);
        expect((e as AdvisorError).code).toBe(code);
        expect((e as AdvisorError).argument).toBe(argument);
      }
    }
  });
});
