/**
 * @init/advisor: which initialization for which network, with reasons; analytic
 * signal-propagation math (numeric gains, mean-field theory); the `init-advisor` CLI.
 *
 * @packageDocumentation
 */

export {
  type Activation,
  type ActivationFamily,
  type ActivationInput,
  type ActivationName,
  type ActivationSpec,
  type CustomActivation,
  listActivations,
  resolveActivation,
  SELU_ALPHA,
  SELU_LAMBDA,
} from './activations';
export { AdvisorError, type AdvisorErrorCode } from './errors';
export { gaussLegendre, type QuadratureRule } from './gauss-legendre';
export { type GaussianExpectationOptions, gaussianExpectation } from './gaussian-expectation';
export {
  type CriticalPoint,
  chi1,
  criticalSigmaW,
  type DepthScales,
  depthScales,
  type FixedPoint,
  type MeanFieldParams,
  type Phase,
  varianceFixedPoint,
  varianceMap,
} from './mean-field';
export {
  type LayerSignal,
  MAX_DEPTH,
  type PropagateOptions,
  type PropagationReport,
  propagate,
  propagateLayers,
  type SignalLayer,
  type Verdict,
} from './signal-propagation';
export { erf, erfc, normalCdf, normalPdf } from './special-functions';
export {
  type ActivationMoments,
  activationMoments,
  type VarianceGainOptions,
  varianceGain,
} from './variance-gain';
