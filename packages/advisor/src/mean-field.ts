import { type Activation, type ActivationInput, resolveActivation } from './activations';
import { AdvisorError } from './errors';
import { integrate } from './gaussian-expectation';
import { checkNonNegative } from './number-checks';
import { checkOptions } from './options';

/** Weight and bias variances of a mean-field layer: W_ij ~ N(0, sigmaW2 / fan_in), b_i ~ N(0, sigmaB2). */
export interface MeanFieldParams {
  /** sigma_w^2 = fan_in * Var(W), finite and > 0. */
  readonly sigmaW2: number;
  /** sigma_b^2 = Var(b), finite and >= 0. Default 0. */
  readonly sigmaB2?: number;
}

/** Result of iterating the variance (length) map to its fixed point. */
export interface FixedPoint {
  /** q*, the fixed point of q -> sigmaW2 E[phi(sqrt(q) z)^2] + sigmaB2 (0 when the map contracts to 0). */
  readonly q: number;
  /** True when the iteration settled (relative change < 1e-12) or a stable root was bracketed. */
  readonly converged: boolean;
  /** True when q grew without bound (no finite fixed point; the last q is reported). */
  readonly diverged: boolean;
  /** Map evaluations used. */
  readonly iterations: number;
}

// Mean-field rule: 12 points per unit-width panel over +-10 std, at most 400 panels. Against the
// 16-point, half-width gain rule it agrees to ~1e-13 at moderate q and costs about a quarter.
const ORDER = 12;
const PANEL = 1;
const TAIL = 10;
const MAX_PANELS = 400;
const MAX_ITERATIONS = 60;
/** Variance used in place of q* = 0 when evaluating slopes (the q -> 0 limit). */
const Q_TINY = 1e-20;
const Q_MAX = 1e12;

/** E[phi(x)^2] for x ~ N(0, q). */
export function secondMomentAt(act: Activation, q: number): number {
  return integrate(
    (x) => {
      const y = act.fn(x);
      return y * y;
    },
    0,
    q,
    act.kinks,
    ORDER,
    PANEL,
    TAIL,
    MAX_PANELS,
    act.featureRadius,
  );
}

/** E[phi'(x)^2] for x ~ N(0, q); at q = 0 the q -> 0+ limit (so ReLU gives 1/2, not phi'(0)^2). */
export function slopeMomentAt(act: Activation, q: number): number {
  return integrate(
    (x) => {
      const y = act.derivative(x);
      return y * y;
    },
    0,
    Math.max(q, Q_TINY),
    act.kinks,
    ORDER,
    PANEL,
    TAIL,
    MAX_PANELS,
    act.featureRadius,
  );
}

const PARAM_KEYS = ['sigmaW2', 'sigmaB2'];

/** Validates `{ sigmaW2, sigmaB2? }` (unknown keys rejected) and returns the two variances. */
function readParams(params: unknown): { sw2: number; sb2: number } {
  if (params === undefined) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'params',
      'expected an object { sigmaW2, sigmaB2? }, got undefined',
    );
  }
  const p = checkOptions(params, PARAM_KEYS, 'params');
  return {
    sw2: checkNonNegative(p.sigmaW2, 'sigmaW2', false),
    sb2: checkNonNegative(p.sigmaB2 ?? 0, 'sigmaB2', true),
  };
}

/**
 * `sw2 * moment + sb2`, or `NOT_FINITE`: on the activation when a custom one gives a non-finite
 * moment, on `q` when a built-in's moment overflows there, and on `sigmaW2` when only the product does.
 */
function scaledMoment(act: Activation, moment: number, sw2: number, sb2: number, what: string): number {
  if (!Number.isFinite(moment)) {
    const argument = act.family === 'custom' ? 'activation' : 'q';
    throw new AdvisorError(
      'NOT_FINITE',
      argument,
      `${what} is not finite (the activation's moment overflows)`,
    );
  }
  const value = sw2 * moment + sb2;
  if (!Number.isFinite(value)) {
    throw new AdvisorError('NOT_FINITE', 'sigmaW2', `${what} overflows: sigma_w^2 = ${sw2} is too large`);
  }
  return value;
}

/**
 * One step of the mean-field variance map.
 *
 * ```math
 * q_{l+1} = \sigma_w^2\, E_{z\sim N(0,1)}[\phi(\sqrt{q_l}\, z)^2] + \sigma_b^2
 * ```
 *
 * @param activation - Name, spec or custom function.
 * @param q - Current pre-activation variance, finite and >= 0.
 * @param params - sigmaW2 (> 0) and sigmaB2 (>= 0, default 0).
 * @returns The next layer's pre-activation variance.
 * @throws {AdvisorError} `INVALID_ARGUMENT` for bad numbers; `NOT_FINITE` if the integral overflows.
 * @example
 * ```ts
 * varianceMap('relu', 1, { sigmaW2: 2 }); // => 1
 * ```
 */
export function varianceMap(activation: ActivationInput, q: number, params: MeanFieldParams): number {
  const act = resolveActivation(activation);
  checkNonNegative(q, 'q', true);
  const { sw2, sb2 } = readParams(params);
  return scaledMoment(act, secondMomentAt(act, q), sw2, sb2, 'the variance map');
}

/** Fixed point of the variance map for an already-resolved activation (inputs trusted). */
export function fixedPointOf(act: Activation, sw2: number, sb2: number, q0: number): FixedPoint {
  const map = (q: number) => sw2 * secondMomentAt(act, q) + sb2;
  let q = q0;
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS; iterations++) {
    const next = map(q);
    if (Number.isNaN(next)) {
      throw new AdvisorError(
        'NOT_FINITE',
        'activation',
        'the variance map is NaN (the activation returned non-finite values)',
      );
    }
    if (!Number.isFinite(next) || next > Q_MAX) {
      return { q, converged: false, diverged: true, iterations: iterations + 1 };
    }
    if (Math.abs(next - q) <= 1e-12 * Math.max(q, next) || next < 1e-300) {
      return { q: next < 1e-300 ? 0 : next, converged: true, diverged: false, iterations: iterations + 1 };
    }
    q = next;
  }
  // Slow (algebraic) convergence: bracket a root of h(q) = map(q) - q around the last iterate.
  const h = (x: number) => map(x) - x;
  let evaluations = iterations;
  const hq = h(q);
  evaluations++;
  let lo = q;
  let hi = q;
  if (hq > 0) {
    // Still increasing: look for a stable root above (h < 0 there).
    for (let k = 0; k < 200 && h(hi) > 0; k++, evaluations++) {
      lo = hi;
      hi *= 16;
      if (hi > Q_MAX) return { q, converged: false, diverged: true, iterations: evaluations };
    }
  } else {
    // Decreasing: look for a root below (h > 0 there); none down to 1e-15 means q* = 0.
    for (let k = 0; k < 200 && h(lo) < 0; k++, evaluations++) {
      hi = lo;
      lo /= 16;
      if (lo < 1e-15 * q0) return { q: 0, converged: true, diverged: false, iterations: evaluations };
    }
  }
  for (let k = 0; k < 200 && hi - lo > 1e-13 * hi; k++, evaluations++) {
    const mid = Math.sqrt(lo * hi);
    if (h(mid) > 0) lo = mid;
    else hi = mid;
  }
  return { q: Math.sqrt(lo * hi), converged: true, diverged: false, iterations: evaluations };
}

/**
 * Iterates the variance map from q0 to its fixed point q*.
 *
 * ```math
 * q^* = \sigma_w^2\, E[\phi(\sqrt{q^*} z)^2] + \sigma_b^2
 * ```
 * Up to 60 plain iterations; if the sequence is still moving slowly, a stable root of
 * map(q) - q is bracketed and bisected in log space. A map that contracts to 0 reports q* = 0;
 * one that grows past 1e12 reports `diverged: true`.
 *
 * @param activation - Name, spec or custom function.
 * @param params - sigmaW2 (> 0), sigmaB2 (>= 0, default 0).
 * @param q0 - Starting variance, finite and > 0. Default 1.
 * @returns The fixed point, with convergence flags.
 * @throws {AdvisorError} `INVALID_ARGUMENT` for bad numbers; `NOT_FINITE` for non-finite integrals.
 * @example
 * ```ts
 * varianceFixedPoint('tanh', { sigmaW2: 1.76, sigmaB2: 0.05 }).q; // => 0.5695 (about)
 * ```
 */
export function varianceFixedPoint(activation: ActivationInput, params: MeanFieldParams, q0 = 1): FixedPoint {
  const act = resolveActivation(activation);
  const { sw2, sb2 } = readParams(params);
  checkNonNegative(q0, 'q0', false);
  return fixedPointOf(act, sw2, sb2, q0);
}

/**
 * chi_1, the mean squared singular value of one layer's Jacobian at the fixed point.
 *
 * ```math
 * \chi_1 = \sigma_w^2\, E_{z\sim N(0,1)}[\phi'(\sqrt{q^*}\, z)^2]
 * ```
 * chi_1 < 1: ordered phase (gradients shrink layer by layer); chi_1 > 1: chaotic (they grow);
 * chi_1 = 1: the edge of chaos. When q* does not exist (divergence) the last iterate is used, which
 * is exact for positively homogeneous activations such as ReLU.
 *
 * @param activation - Name, spec or custom function.
 * @param params - sigmaW2 (> 0), sigmaB2 (>= 0, default 0).
 * @returns chi_1 (>= 0).
 * @throws {AdvisorError} as {@link varianceFixedPoint}.
 * @example
 * ```ts
 * chi1('relu', { sigmaW2: 2 }); // => 1
 * ```
 */
export function chi1(activation: ActivationInput, params: MeanFieldParams): number {
  const act = resolveActivation(activation);
  const { sw2, sb2 } = readParams(params);
  const fp = fixedPointOf(act, sw2, sb2, 1);
  return scaledMoment(act, slopeMomentAt(act, fp.q), sw2, 0, 'chi_1');
}

/** The edge-of-chaos point for a given bias scale. */
export interface CriticalPoint {
  /** sigma_w at criticality. */
  readonly sigmaW: number;
  /** sigma_w^2 at criticality. */
  readonly sigmaW2: number;
  /** sigma_b^2 used. */
  readonly sigmaB2: number;
  /** q* at the critical point (the last iterate when the map has no finite fixed point there). */
  readonly qStar: number;
  /** chi_1 at the returned point (1 up to the solver tolerance). */
  readonly chi1: number;
}

/**
 * Finds sigma_w with chi_1(sigma_w, sigma_b) = 1: the edge of chaos.
 *
 * ```math
 * \sigma_w^2\, E[\phi'(\sqrt{q^*(\sigma_w,\sigma_b)}\, z)^2] = 1
 * ```
 * For each trial sigma_w^2 the variance map is solved for q*, then chi_1 - 1 is bracketed on
 * [1e-3, 1e4] and solved by Illinois regula falsi on ln chi_1 against ln sigma_w^2 (to |ln chi_1| < 1e-13),
 * with a bisection fallback.
 * Checks: ReLU at sigma_b = 0 gives sigma_w^2 = 2; tanh with sigma_b^2 = 0.05 gives sigma_w^2 ~ 1.76, q* ~ 0.569.
 *
 * @param activation - Name, spec or custom function.
 * @param sigmaB - Bias standard deviation sigma_b, finite, in [0, 1e6]. Default 0.
 * @returns The critical point.
 * @throws {AdvisorError} `UNSUPPORTED` if chi_1 never crosses 1 on the search range, or jumps across 1
 *   because the fixed point switches branch, or if the variance diverges there and chi_1 depends on it;
 *   `INVALID_ARGUMENT` for a sigmaB that is negative, not finite, or above 1e6 (sigma_b^2 above 1e12).
 * @example
 * ```ts
 * criticalSigmaW('relu').sigmaW2; // => 2 (to 1e-12)
 * ```
 */
export function criticalSigmaW(activation: ActivationInput, sigmaB = 0): CriticalPoint {
  const act = resolveActivation(activation);
  checkNonNegative(sigmaB, 'sigmaB', true);
  const sb2 = sigmaB * sigmaB;
  if (sb2 > Q_MAX) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'sigmaB',
      `expected a finite number in [0, ${Math.sqrt(Q_MAX)}] (sigma_b^2 at most ${Q_MAX}), got ${sigmaB}`,
    );
  }
  const evaluate = (logSw2: number) => {
    const sw2 = Math.exp(logSw2);
    const fp = fixedPointOf(act, sw2, sb2, 1);
    const chi = sw2 * slopeMomentAt(act, fp.q);
    return { q: fp.q, chi, g: Math.log(chi), diverged: fp.diverged };
  };
  let a = Math.log(1e-3);
  let b = Math.log(1e4);
  let fa = evaluate(a);
  let fb = evaluate(b);
  if (!(fa.g < 0 && fb.g > 0)) {
    throw new AdvisorError(
      'UNSUPPORTED',
      'activation',
      `chi_1 does not cross 1 for sigma_w^2 in [1e-3, 1e4] (chi_1 from ${fa.chi} to ${fb.chi}); this activation has no edge of chaos at sigma_b = ${sigmaB}`,
    );
  }
  // Illinois regula falsi on ln chi_1 against ln sigma_w^2 keeps the bracket and converges
  // superlinearly; after 30 steps it falls back to bisection. A bracket narrower than 1e-7 whose ends
  // still differ in chi_1 by more than 1e-4 is a jump (the fixed point switched branch): stop there.
  let side = 0;
  let best = fa;
  let bestX = a;
  for (let k = 0; k < 90 && b - a > 1e-12; k++) {
    const x = k < 30 ? (a * fb.g - b * fa.g) / (fb.g - fa.g) : (a + b) / 2;
    const fx = evaluate(x);
    best = fx;
    bestX = x;
    if (Math.abs(fx.g) < 1e-13) break;
    if (fx.g < 0) {
      a = x;
      fa = fx;
      if (side === -1) fb = { ...fb, g: fb.g / 2 };
      side = -1;
    } else {
      b = x;
      fb = fx;
      if (side === 1) fa = { ...fa, g: fa.g / 2 };
      side = 1;
    }
    if (b - a < 1e-7 && fb.chi - fa.chi > 1e-4) break;
  }
  if (Math.abs(best.chi - 1) > 1e-6) {
    throw new AdvisorError(
      'UNSUPPORTED',
      'activation',
      `chi_1 jumps across 1 near sigma_w^2 = ${Math.exp(bestX)} (the fixed point changes branch), so there is no smooth edge of chaos at sigma_b = ${sigmaB}`,
    );
  }
  const sigmaW2 = Math.exp(bestX);
  if (best.diverged) {
    // Without a fixed point chi_1 is taken at the last iterate, which is only meaningful when chi_1
    // does not depend on q (positively homogeneous activations such as ReLU).
    const far = sigmaW2 * slopeMomentAt(act, Math.min(Q_MAX, Math.max(1, best.q) * 1e4));
    if (Math.abs(far - best.chi) > 1e-6) {
      throw new AdvisorError(
        'UNSUPPORTED',
        'sigmaB',
        `the variance grows without bound near sigma_w^2 = ${sigmaW2} at sigma_b = ${sigmaB} and chi_1 depends on it, so there is no edge of chaos`,
      );
    }
  }
  return { sigmaW: Math.sqrt(sigmaW2), sigmaW2, sigmaB2: sb2, qStar: best.q, chi1: best.chi };
}

/** Phase of a mean-field network. */
export type Phase = 'ordered' | 'critical' | 'chaotic';

/** Depth scales of signal propagation at a (sigma_w, sigma_b) point. */
export interface DepthScales {
  readonly qStar: number;
  readonly chi1: number;
  /** Ordered (chi_1 < 1), chaotic (chi_1 > 1) or critical (|chi_1 - 1| < 1e-6). */
  readonly phase: Phase;
  /** c*, the fixed point of the correlation map (1 in the ordered phase). */
  readonly cStar: number;
  /** xi_q = -1/ln(dq_{l+1}/dq_l at q*): layers for the variance to settle. Infinity if it does not contract. */
  readonly xiQ: number;
  /** xi_c = -1/ln(chi_c*): layers over which two inputs' correlation information survives. */
  readonly xiC: number;
  /** xi_grad = 1/|ln chi_1|: layers over which the squared gradient norm changes by a factor e. */
  readonly xiGrad: number;
}

// Correlation rule: 8 points per panel over +-10 std, at most 48 panels per dimension for custom
// activations (built-ins are bounded by their feature radius instead: about 90 panels).
const JOINT_ORDER = 8;
const JOINT_MAX_PANELS = 48;
/** Most regula-falsi steps for the correlation fixed point. */
const CORRELATION_STEPS = 80;

/**
 * E[f(u1) g(u2)] with u1, u2 ~ N(0, q) of correlation c, by nested quadrature: u1 = sqrt(q) z1 and,
 * given u1, u2 ~ N(c u1, q (1 - c^2)). The number of evaluations is bounded for every q (see `integrate`).
 */
function jointMoment(act: Activation, f: (x: number) => number, q: number, c: number): number {
  const condVar = q * (1 - c * c);
  const inner = (u1: number) =>
    integrate(f, c * u1, condVar, act.kinks, JOINT_ORDER, 1, TAIL, JOINT_MAX_PANELS, act.featureRadius);
  return integrate(
    (u1) => f(u1) * inner(u1),
    0,
    q,
    act.kinks,
    JOINT_ORDER,
    1,
    TAIL,
    JOINT_MAX_PANELS,
    act.featureRadius,
  );
}

/**
 * c*, the stable fixed point below 1 of the correlation map M(c) = (sigma_w^2 E[phi(u1) phi(u2)] + sigma_b^2) / q*.
 * In the chaotic phase g(c) = M(c) - c is >= 0 at c = 0 and < 0 just below the unstable root c = 1
 * (its slope there is chi_1 > 1), so c* is bracketed and found by Illinois regula falsi in at most
 * 80 map evaluations; `error` is the final bracket width. A map that stays above the diagonal up to
 * 1 - 1e-9 reports c* = 1.
 */
function correlationFixedPoint(
  act: Activation,
  sw2: number,
  sb2: number,
  q: number,
): { c: number; error: number } {
  const g = (c: number) => (sw2 * jointMoment(act, act.fn, q, c) + sb2) / q - c;
  let a = 0;
  let ga = g(a);
  if (!(ga > 0)) return { c: 0, error: 0 };
  let b = 1 - 1e-3;
  let gb = g(b);
  for (const gap of [1e-6, 1e-9]) {
    if (gb < 0) break;
    a = b;
    ga = gb;
    b = 1 - gap;
    gb = g(b);
  }
  if (!(gb < 0)) return { c: 1, error: 1e-9 };
  let side = 0;
  for (let k = 0; k < CORRELATION_STEPS && b - a > 1e-12; k++) {
    const x = Math.min(b, Math.max(a, (a * gb - b * ga) / (gb - ga)));
    const gx = g(x);
    if (gx === 0) return { c: x, error: 0 };
    if (gx > 0) {
      a = x;
      ga = gx;
      if (side === 1) gb /= 2;
      side = 1;
    } else {
      b = x;
      gb = gx;
      if (side === -1) ga /= 2;
      side = -1;
    }
  }
  return { c: (a + b) / 2, error: b - a };
}

/**
 * Depth scales and phase at (sigma_w^2, sigma_b^2) (Schoenholz et al. 2017).
 *
 * ```math
 * \xi_q^{-1} = -\ln \frac{\partial q_{l+1}}{\partial q_l}\Big|_{q^*},\quad
 * \xi_c^{-1} = -\ln \chi_{c^*},\quad
 * \chi_{c^*} = \sigma_w^2 E[\phi'(u_1)\phi'(u_2)],\quad \xi_\nabla^{-1} = |\ln \chi_1|
 * ```
 * In the ordered phase c* = 1 and chi_{c*} = chi_1. In the chaotic phase c* < 1 comes from iterating
 * the correlation map c -> (sigma_w^2 E[phi(u1) phi(u2)] + sigma_b^2) / q* (its root bracketed on
 * [0, 1) and found by regula falsi in at most 80 steps) with nested composite Gauss–Legendre quadrature whose panel count is bounded
 * for every q* (accurate to about 1e-7), so the cost does not grow with sigma_w^2.
 *
 * @param activation - Name, spec or custom function.
 * @param params - sigmaW2 (> 0), sigmaB2 (>= 0, default 0).
 * @returns q*, chi_1, phase, c*, xi_q, xi_c, xi_grad (Infinity where the scale diverges).
 * @throws {AdvisorError} `INVALID_ARGUMENT` for bad numbers; `UNSUPPORTED` if q* does not exist (diverges).
 * @example
 * ```ts
 * depthScales('tanh', { sigmaW2: 1, sigmaB2: 0.05 }).phase; // => 'ordered'
 * ```
 */
export function depthScales(activation: ActivationInput, params: MeanFieldParams): DepthScales {
  const act = resolveActivation(activation);
  const { sw2, sb2 } = readParams(params);
  const fp = fixedPointOf(act, sw2, sb2, 1);
  if (fp.diverged) {
    throw new AdvisorError(
      'UNSUPPORTED',
      'sigmaW2',
      `the variance grows without bound at sigma_w^2 = ${sw2}, sigma_b^2 = ${sb2}; there is no fixed point`,
    );
  }
  const q = fp.q;
  const c1 = sw2 * slopeMomentAt(act, q);
  const phase: Phase = Math.abs(c1 - 1) < 1e-6 ? 'critical' : c1 < 1 ? 'ordered' : 'chaotic';
  const map = (x: number) => sw2 * secondMomentAt(act, x) + sb2;
  let xiQ = Number.POSITIVE_INFINITY;
  if (q > 0) {
    const h = 1e-4 * q;
    const slope = (map(q + h) - map(q - h)) / (2 * h);
    if (slope > 0 && slope < 1) xiQ = -1 / Math.log(slope);
  }
  let cStar = 1;
  let chiC = c1;
  if (phase === 'chaotic' && q > 0) {
    cStar = correlationFixedPoint(act, sw2, sb2, q).c;
    chiC = sw2 * jointMoment(act, act.derivative, q, cStar);
  }
  const xiC = chiC > 0 && Math.abs(Math.log(chiC)) > 1e-12 ? -1 / Math.log(chiC) : Number.POSITIVE_INFINITY;
  const xiGrad = Math.abs(Math.log(c1)) > 1e-12 ? 1 / Math.abs(Math.log(c1)) : Number.POSITIVE_INFINITY;
  return {
    qStar: q,
    chi1: c1,
    phase,
    cStar,
    xiQ: xiQ,
    xiC: xiC > 0 ? xiC : Number.POSITIVE_INFINITY,
    xiGrad,
  };
}
