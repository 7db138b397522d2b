import { AdvisorError } from './errors';
import { valueText } from './value-text';

/** Nodes and weights of a quadrature rule on [-1, 1]: integral f ~ sum_i weights[i] f(nodes[i]). */
export interface QuadratureRule {
  /** Nodes in ascending order. */
  readonly nodes: Float64Array;
  /** Positive weights, same length as nodes. */
  readonly weights: Float64Array;
}

const legendreCache = new Map<number, QuadratureRule>();

/**
 * Gauss–Legendre rule with n points on [-1, 1] (exact for polynomials of degree <= 2n - 1).
 *
 * Nodes are the roots of the Legendre polynomial P_n, found by Newton's method on the three-term
 * recurrence (k+1) P_{k+1} = (2k+1) x P_k - k P_{k-1}; weights are w_i = 2 / ((1 - x_i^2) P_n'(x_i)^2).
 * Rules are cached per n.
 *
 * @param n - Number of points, integer in [1, 512].
 * @returns The rule; the weights sum to 2.
 * @throws {AdvisorError} `INVALID_ARGUMENT` if n is not an integer in [1, 512].
 * @example
 * ```ts
 * const { nodes, weights } = gaussLegendre(2);
 * nodes[1]; // => 0.5773502691896257 (1/sqrt 3)
 * weights[0]; // => 1
 * ```
 */
export function gaussLegendre(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1 || n > 512) {
    throw new AdvisorError('INVALID_ARGUMENT', 'n', `expected an integer in [1, 512], got ${valueText(n)}`);
  }
  const cached = legendreCache.get(n);
  if (cached) return cached;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.floor((n + 1) / 2);
  for (let i = 0; i < half; i++) {
    // Root i counted from the right end; the cosine guess is within Newton's basin.
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 1;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 1; k < n; k++) {
        const p2 = ((2 * k + 1) * x * p1 - k * p0) / (k + 1);
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pPrev = n === 1 ? 1 : p0;
      derivative = (n * (x * pn - pPrev)) / (x * x - 1);
      const step = pn / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    const w = 2 / ((1 - x * x) * derivative * derivative);
    nodes[n - 1 - i] = x;
    nodes[i] = -x;
    weights[n - 1 - i] = w;
    weights[i] = w;
  }
  if (n % 2 === 1) nodes[(n - 1) / 2] = 0;
  const rule = { nodes, weights };
  legendreCache.set(n, rule);
  return rule;
}
