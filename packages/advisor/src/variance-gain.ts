import { type ActivationInput, resolveActivation } from './activations';
import { AdvisorError } from './errors';
import { gaussianExpectation } from './gaussian-expectation';
import { checkOptions } from './options';
import { valueText } from './value-text';

/** Gaussian moments of an activation's output. */
export interface ActivationMoments {
  /** E[phi(x)], x ~ N(0, q). */
  readonly mean: number;
  /** E[phi(x)^2]. */
  readonly secondMoment: number;
  /** Var[phi(x)] = E[phi^2] - E[phi]^2. */
  readonly variance: number;
  /** E[phi'(x)^2], the slope factor in chi_1. */
  readonly slopeSecondMoment: number;
}

/**
 * Moments of phi(x) for x ~ N(0, q), split at the activation's kinks.
 *
 * @param activation - Name, spec or custom function (see {@link resolveActivation}).
 * @param q - Input variance, finite and >= 0. Default 1.
 * @returns Mean, second moment, variance and E[phi'^2].
 * @throws {AdvisorError} for unknown activations, bad q, or non-finite function values.
 * @example
 * ```ts
 * activationMoments('relu').secondMoment; // => 0.5
 * ```
 */
export function activationMoments(activation: ActivationInput, q = 1): ActivationMoments {
  const act = resolveActivation(activation);
  if (typeof q !== 'number' || !Number.isFinite(q) || q < 0) {
    throw new AdvisorError('INVALID_ARGUMENT', 'q', `expected a finite number >= 0, got ${valueText(q)}`);
  }
  const options = { variance: q, breakpoints: act.kinks };
  const moment = (f: (x: number) => number) => {
    try {
      return gaussianExpectation(f, options);
    } catch (e) {
      // A built-in's moment can only overflow because q is huge; a custom one can also misbehave.
      if (e instanceof AdvisorError && e.code === 'NOT_FINITE') {
        throw new AdvisorError(
          'NOT_FINITE',
          act.family === 'custom' ? 'activation' : 'q',
          `the activation has non-finite Gaussian moments at q = ${q}`,
        );
      }
      throw e;
    }
  };
  const mean = moment(act.fn);
  const secondMoment = moment((x) => {
    const y = act.fn(x);
    return y * y;
  });
  const slopeSecondMoment = moment((x) => {
    const y = act.derivative(x);
    return y * y;
  });
  return { mean, secondMoment, variance: Math.max(0, secondMoment - mean * mean), slopeSecondMoment };
}

/** Options of {@link varianceGain}. */
export interface VarianceGainOptions {
  /**
   * Use the mean-subtracted form 1/sqrt(Var[phi(z)]), right when every weight row has zero mean
   * (scaled weight standardization). Default false: 1/sqrt(E[phi(z)^2]).
   */
  readonly centered?: boolean;
}

/**
 * The gain that keeps the pre-activation variance at 1 from layer to layer for this activation.
 *
 * With zero-mean weights independent of the inputs, Var(z_next) = fan_in Var(W) E[phi(z)^2], so
 * ```math
 * \text{gain} = 1/\sqrt{E_{z\sim N(0,1)}[\phi(z)^2]}, \qquad
 * \text{gain}_{\text{centered}} = 1/\sqrt{\mathrm{Var}_{z\sim N(0,1)}[\phi(z)]}
 * ```
 * and W ~ N(0, gain^2 / fan_in) preserves unit variance. Integrals use composite Gauss–Legendre
 * split at kinks (accurate to ~1e-12 for the built-ins). Known values: relu sqrt 2, tanh 1.59254,
 * sigmoid 1.84623, gelu 1.53353, silu 1.67653, elu 1.24520, selu 1.
 *
 * @param activation - Name, spec or custom function.
 * @param options - `centered` (default false).
 * @returns The gain (> 0).
 * @throws {AdvisorError} `UNSUPPORTED` for unknown names; `INVALID_ARGUMENT` if the moment is 0
 *   (a constant activation has no gain); `NOT_FINITE` if the custom function returns NaN/Infinity.
 * @example
 * ```ts
 * varianceGain('relu'); // => 1.4142135623730951
 * varianceGain('relu', { centered: true }); // => 1.712858...
 * ```
 */
export function varianceGain(activation: ActivationInput, options: VarianceGainOptions = {}): number {
  const o = checkOptions<VarianceGainOptions>(options, ['centered'], 'options');
  if (o.centered !== undefined && typeof o.centered !== 'boolean') {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'centered',
      `expected true or false, got ${valueText(o.centered)}`,
    );
  }
  const m = activationMoments(activation, 1);
  const denom = o.centered === true ? m.variance : m.secondMoment;
  if (!(denom > 1e-300)) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'activation',
      `the activation's ${o.centered === true ? 'variance' : 'second moment'} on N(0,1) is 0; no gain preserves the signal`,
    );
  }
  const gain = 1 / Math.sqrt(denom);
  if (!Number.isFinite(gain)) {
    throw new AdvisorError(
      'NOT_FINITE',
      'activation',
      'the gain overflows (the activation is almost zero on N(0,1))',
    );
  }
  return gain;
}
