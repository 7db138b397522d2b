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
export {
  ARCHITECTURES,
  type Architecture,
  MAX_RECOMMEND_DEPTH,
  MAX_WIDTH,
  NORMALIZATIONS,
  type Normalization,
  type PresetName,
  type RecommendContext,
  type ResolvedContext,
  type SchemeConfig,
  TARGETS,
  type Target,
} from './context';
export { type DecisionRow, decisionTable, decisionTableMarkdown } from './decision-table';
export { AdvisorError, type AdvisorErrorCode } from './errors';
export { type Explanation, explain } from './explain';
export { gaussHermite } from './gauss-hermite';
export { gaussLegendre, type QuadratureRule } from './gauss-legendre';
export { type GaussianExpectationOptions, gaussianExpectation } from './gaussian-expectation';
export { type Gpt2Config, gpt2Parameters } from './gpt2-model';
export { type LlamaConfig, llamaParameters } from './llama-model';
export {
  checkSeed,
  fillParameter,
  type MaterializedModel,
  type MaterializedTensor,
  type MaterializeOptions,
  materialize,
} from './materialize';
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
export { nearestKey } from './model-config-keys';
export {
  MAX_MODEL_DIM,
  MAX_MODEL_ELEMENTS,
  type ModelParameters,
  type ParameterInput,
  type ParameterSpec,
  type TiedParameter,
} from './model-parameters';
export { type ModelSource, modelParameters } from './model-source';
export {
  LAYER_KINDS,
  type LayerKind,
  type ModelDescription,
  type ModelLayer,
  type ModelPlan,
  type ParameterPlan,
  plan,
} from './plan';
export { getPreset, PRESET_NAMES, PRESETS, type Preset } from './presets';
export { recommend } from './recommend';
export type {
  Alternative,
  Draft,
  Recommendation,
  RoleRecommendation,
  SignalCheck,
} from './recommendation';
export { type Rule, type RuleKind, rules } from './rules';
export { buildScheme, type WeightStatistics, weightStatistics } from './scheme-statistics';
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
export { SOURCES, type Source, type SourceId } from './sources';
export { erf, erfc, normalCdf, normalPdf } from './special-functions';
export { matchUseCase, USE_CASE_ROWS, type UseCaseMatch } from './use-case';
export {
  type ActivationMoments,
  activationMoments,
  type VarianceGainOptions,
  varianceGain,
} from './variance-gain';
