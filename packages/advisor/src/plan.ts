import type { ActivationInput } from './activations';
import type { Architecture, Normalization, SchemeConfig } from './context';
import { type PlanContext, resolvePlanContext } from './plan-context';
import { LAYER_PLANNERS } from './plan-layers';
import { KINDS, parseModel } from './plan-model';
import { newPlanState, type PlanState } from './plan-state';
import { type PropagationReport, propagateLayers } from './signal-propagation';

/** Layer kinds a model description may use. */
export type LayerKind =
  | 'dense'
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'embedding'
  | 'rnn'
  | 'lstm'
  | 'gru'
  | 'attention'
  | 'layer_norm'
  | 'batch_norm';

/**
 * Every accepted layer kind of a model description.
 *
 * @example
 * ```ts
 * LAYER_KINDS.includes('lstm'); // => true
 * ```
 */
export const LAYER_KINDS: readonly LayerKind[] = KINDS;

/**
 * One layer of a model description.
 *
 * Shapes use PyTorch conventions: dense `[out, in]`; conv `[out, in/groups, ...kernel]` (rank 3, 4, 5);
 * embedding `[num_embeddings, dim]`; rnn/lstm/gru `[hidden, input]`; attention `[embed_dim]`;
 * layer_norm/batch_norm `[features]`.
 */
export interface ModelLayer {
  /** Unique name. Default `<kind><index>`. */
  readonly name?: string;
  readonly kind: LayerKind;
  readonly shape: readonly number[];
  /**
   * Activation applied to this layer's output. Default: the model's `activation` (output layer: linear).
   * `'softmax'` is accepted on the output layer only (planned as linear logits).
   */
  readonly activation?: ActivationInput;
  /** Residual branch id: consecutive layers with the same id form y = x + f(x). */
  readonly branch?: string;
  /** Whether the layer has a bias. Default true. */
  readonly bias?: boolean;
  /** Marks the output layer. Default: the last weight layer. */
  readonly output?: boolean;
}

/** A whole model. */
export interface ModelDescription {
  readonly name?: string;
  readonly architecture?: Architecture;
  /** Normalization used in the model. Default: 'none' unless norm layers are listed, then inferred. */
  readonly normalization?: Normalization;
  /** Default hidden activation for layers that do not name one. */
  readonly activation?: ActivationInput;
  readonly layers: readonly ModelLayer[];
}

/** The scheme for one parameter tensor. */
export interface ParameterPlan {
  readonly layer: string;
  /** `'weight'`, `'bias'`, `'weight_ih'`, `'weight_hh'`, `'bias_ih'`, `'bias_hh'`, `'q_proj.weight'`... */
  readonly parameter: string;
  readonly shape: readonly number[];
  readonly scheme: SchemeConfig;
  /** Id of the rule that chose it (a rule of `rules`, or a plan rule such as `plan-output-layer`). */
  readonly rule: string;
  readonly reason: string;
}

/** What {@link plan} returns. */
export interface ModelPlan {
  readonly name?: string;
  readonly parameters: readonly ParameterPlan[];
  /** Things the plan had to assume. */
  readonly assumptions: readonly string[];
  readonly warnings: readonly string[];
  /** Mean-field prediction over the dense/conv layers, when the model has only those (plus norms). */
  readonly signal?: PropagationReport;
}

/**
 * A per-parameter initialization plan for a whole model: every weight and bias gets a scheme.
 *
 * Hidden dense/conv layers follow the activation rule of {@link recommend}; the output layer gets
 * Glorot scaling (zeros under Fixup); inside residual branches, without normalization, Fixup applies
 * (branch ends zero, the other branch layers scaled by L^(-1/(2m-2))), with normalization the last norm
 * gain of each branch is zeroed, and in transformers the branch ends get the 1/sqrt(number of branches)
 * residual scaling; recurrent layers get orthogonal recurrent weights (forget bias 1 for LSTMs);
 * embeddings, attention projections and norm layers their own rules. Validation is strict: unknown
 * fields, wrong types, bad ranks and oversized inputs are rejected.
 *
 * @param model - The model description (JSON-compatible).
 * @returns Parameter plans in layer order, assumptions, warnings and (for dense/conv stacks) a mean-field report.
 * @throws {AdvisorError} `INVALID_ARGUMENT` (wrong types/unknown fields, with a JSON path as `argument`),
 *   `UNSUPPORTED` (unknown names), `SHAPE_MISMATCH` (wrong rank, mismatched consecutive sizes are only warned),
 *   `TOO_LARGE` (more than 10000 layers, dimensions above 2^30).
 * @example
 * ```ts
 * const p = plan({ activation: 'relu', layers: [
 *   { kind: 'dense', shape: [256, 784] }, { kind: 'dense', shape: [10, 256] }] });
 * p.parameters.map((x) => x.scheme.name); // => ['he_normal', 'zeros', 'xavier_uniform', 'zeros']
 * ```
 */
export function plan(model: ModelDescription): ModelPlan {
  const ctx = resolvePlanContext(parseModel(model));
  const state = newPlanState(!ctx.isTransformer);
  for (const l of ctx.layers) LAYER_PLANNERS[l.kind](l, ctx, state);
  return assemble(ctx, state, shapeWarnings(ctx));
}

/** Consecutive dense layers should chain (in of the next = out of the previous); Fixup needs its scalars. */
function shapeWarnings(ctx: PlanContext): string[] {
  const warnings: string[] = [];
  const w = ctx.weightLayers;
  for (let i = 1; i < w.length; i++) {
    const a = w[i - 1]!;
    const b = w[i]!;
    if (
      (a.kind === 'dense' || a.kind === 'linear') &&
      (b.kind === 'dense' || b.kind === 'linear') &&
      a.shape[0] !== b.shape[1]
    ) {
      warnings.push(
        `layers '${a.name}' -> '${b.name}': ${a.shape[0]} outputs feed ${b.shape[1]} inputs; check the shapes.`,
      );
    }
  }
  if (ctx.fixupOn)
    warnings.push(
      `Residual branches without normalization: Fixup plan with L = ${ctx.numBranches} branches; add a scalar multiplier (init 1) and scalar biases (init 0) per branch for the full recipe.`,
    );
  return warnings;
}

/** The result: parameters in layer order, assumptions, warnings, and the signal report when it applies. */
function assemble(ctx: PlanContext, state: PlanState, warnings: string[]): ModelPlan {
  const name = ctx.model.name;
  return {
    ...(name !== undefined ? { name } : {}),
    parameters: state.parameters,
    assumptions: ctx.assumptions,
    warnings,
    ...(state.signalPossible && state.signal.length > 0 ? { signal: propagateLayers(state.signal) } : {}),
  };
}
