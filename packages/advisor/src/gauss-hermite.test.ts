import { describe, expect, it } from 'vitest';
import { resolveActivation } from './activations';
import { AdvisorError } from './errors';
import { gaussHermite } from './gauss-hermite';
import { gaussianExpectation } from './gaussian-expectation';

function hermiteExpectation(f: (x: number) => number, n: number): number {
  const { nodes, weights } = gaussHermite(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i]! * f(nodes[i]!);
  return s;
}

describe('gaussHermite (Golub–Welsch on linalg eigSymTridiagonal)', () => {
  it('has weights summing to 1 and reproduces Gaussian moments up to degree 2n - 1', () => {
    const n = 12;
    const { weights } = gaussHermite(n);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    // E[z^(2k)] = (2k - 1)!!
    let doubleFactorial = 1;
    for (let k = 1; 2 * k <= 2 * n - 1; k++) {
      doubleFactorial *= 2 * k - 1;
      expect(hermiteExpectation((x) => x ** (2 * k), n) / doubleFactorial).toBeCloseTo(1, 10);
    }
    const two = gaussHermite(2);
    expect(two.nodes[1]).toBeCloseTo(1, 14);
    expect(two.weights[0]).toBeCloseTo(0.5, 14);
  });
  it('agrees with the split Gauss–Legendre rule for smooth tanh, and not for kinked ELU', () => {
    const tanh2 = (x: number) => Math.tanh(x) ** 2;
    expect(Math.abs(hermiteExpectation(tanh2, 100) - gaussianExpectation(tanh2))).toBeLessThan(1e-9);
    const elu = resolveActivation('elu');
    const elu2 = (x: number) => elu.fn(x) ** 2;
    const exact = gaussianExpectation(elu2, { breakpoints: [0] });
    const gh = Math.abs(hermiteExpectation(elu2, 101) - exact);
    expect(gh).toBeGreaterThan(1e-7);
  });
  it('rejects bad sizes', () => {
    expect(() => gaussHermite(0)).toThrow(AdvisorError);
    expect(() => gaussHermite(401)).toThrow(AdvisorError);
  });
});
