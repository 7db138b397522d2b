import { fixupScale } from '@init/schemes';
import type { ActivationInput } from './activations';
import type { SchemeConfig } from './context';
import type { LayerKind } from './plan';
import { lstmBiases, normBias, weightLayerBias, zeroBias } from './plan-bias';
import { HAS_WEIGHT_MATRIX, NORM, type PlanContext } from './plan-context';
import { type CheckedLayer, fail } from './plan-model';
import type { PlanState } from './plan-state';
import { recommend } from './recommend';
import { weightStatistics } from './scheme-statistics';

/** Plans every parameter of one layer of a given kind. */
type LayerPlanner = (l: CheckedLayer, ctx: PlanContext, state: PlanState) => void;

/** Where a layer sits in its residual branch (if any). */
interface BranchPosition {
  readonly run: readonly CheckedLayer[] | undefined;
  /** The branch's weight layers (dense, conv, attention), in order. */
  readonly weights: readonly CheckedLayer[];
  /** This layer is the last weight layer of its branch. */
  readonly isLast: boolean;
}

function branchPosition(l: CheckedLayer, ctx: PlanContext): BranchPosition {
  const run = l.branch !== undefined ? ctx.branchRuns.get(l.branch) : undefined;
  const weights = run?.filter((x) => HAS_WEIGHT_MATRIX.has(x.kind) || x.kind === 'attention') ?? [];
  return { run, weights, isLast: weights.length > 0 && weights[weights.length - 1] === l };
}

/** layer_norm / batch_norm: gain 1 (0 for the last norm of a residual branch outside transformers), shift 0. */
function planNorm(l: CheckedLayer, ctx: PlanContext, state: PlanState): void {
  const [n] = l.shape as [number];
  const norms = branchPosition(l, ctx).run?.filter((x) => NORM.has(x.kind)) ?? [];
  const lastNormInBranch = norms.length > 0 && norms[norms.length - 1] === l && !ctx.isTransformer;
  state.push(
    l,
    'weight',
    [n],
    lastNormInBranch ? { name: 'zeros' } : { name: 'ones' },
    lastNormInBranch ? 'residual-norm-zero-gamma' : 'plan-norm-layer',
    lastNormInBranch
      ? 'Last normalization gain of a residual branch starts at 0, so the block is the identity at step 0.'
      : 'Normalization gain starts at 1: a plain standardization.',
  );
  normBias(state, l, n);
  state.pendingNorm = true;
}

/** embedding: N(0, 1) rows (N(0, 0.02^2) in a transformer). */
function planEmbedding(l: CheckedLayer, ctx: PlanContext, state: PlanState): void {
  const t = ctx.isTransformer;
  state.push(
    l,
    'weight',
    l.shape,
    t ? { name: 'normal', mean: 0, std: 0.02 } : { name: 'normal', mean: 0, std: 1 },
    t ? 'transformer-small-normal' : 'plan-embedding',
    t
      ? 'Token embeddings in a transformer: N(0, 0.02^2), like the other weights.'
      : 'Embedding rows N(0, 1) (the PyTorch default): each coordinate has unit variance, what a variance-preserving next layer expects.',
  );
  state.signalPossible = false;
}

/** rnn / lstm / gru: the recurrent rules of `recommend` for weight_ih and weight_hh, gate biases. */
function planRecurrent(l: CheckedLayer, _ctx: PlanContext, state: PlanState): void {
  const [h, i] = l.shape as [number, number];
  const gates = l.kind === 'lstm' ? 4 : l.kind === 'gru' ? 3 : 1;
  const act = l.activation ?? 'tanh';
  const rec = recommend({
    architecture: l.kind as 'rnn' | 'lstm' | 'gru',
    activation: l.kind === 'rnn' ? act : 'tanh',
  });
  const inputRole = rec.roles.find((r) => r.role === 'input_weight');
  state.push(
    l,
    'weight_ih',
    [gates * h, i],
    inputRole?.scheme ?? { name: 'xavier_uniform', gain: 1 },
    rec.ruleIds[0]!,
    inputRole?.reason ?? '',
  );
  state.push(l, 'weight_hh', [gates * h, h], rec.scheme, rec.ruleIds[0]!, rec.reasons[0] ?? '');
  if (l.kind === 'lstm') lstmBiases(state, l, gates * h);
  else {
    zeroBias(state, l, gates * h, 'bias_ih');
    zeroBias(state, l, gates * h, 'bias_hh');
  }
  state.signalPossible = false;
}

/** attention: q/k/v/out projections N(0, 0.02^2); an out_proj that ends a residual branch gets 1/sqrt(branches). */
function planAttention(l: CheckedLayer, ctx: PlanContext, state: PlanState): void {
  const [d] = l.shape as [number];
  const isLast = branchPosition(l, ctx).isLast;
  const k = ctx.numBranches;
  for (const p of ['q_proj', 'k_proj', 'v_proj', 'out_proj']) {
    const residualOut = p === 'out_proj' && isLast;
    const scheme: SchemeConfig = residualOut
      ? { name: 'normal', mean: 0, std: 0.02, multiplier: 1 / Math.sqrt(k) }
      : { name: 'normal', mean: 0, std: 0.02 };
    state.push(
      l,
      `${p}.weight`,
      [d, d],
      scheme,
      'transformer-small-normal',
      residualOut
        ? `Writes into the residual stream: std 0.02 x 1/sqrt(${k}) for ${k} residual branches (GPT-2 rule, 2 branches per block).`
        : 'Attention projection: N(0, 0.02^2).',
    );
    zeroBias(state, l, d, `${p}.bias`);
  }
  state.signalPossible = false;
}

/** The activation a dense/conv layer feeds: its own, linear for the output layer, else the model's. */
function activationOf(l: CheckedLayer, ctx: PlanContext): ActivationInput {
  if (l.activation !== undefined) return l.activation;
  if (l === ctx.outputLayer) {
    ctx.assumptions.push(`layer '${l.name}': activation linear (output layer without an activation)`);
    return 'linear';
  }
  if (ctx.model.activation !== undefined) return ctx.model.activation;
  return fail(
    'INVALID_ARGUMENT',
    `layers[${l.index}].activation`,
    'required: give the layer an activation or set model.activation',
  );
}

interface Choice {
  readonly scheme: SchemeConfig;
  readonly rule: string;
  readonly reason: string;
}

/** The output head: zero under Fixup, N(0, 0.02^2) in a transformer, Glorot otherwise. */
function outputWeight(ctx: PlanContext): Choice {
  if (ctx.fixupOn) {
    return {
      scheme: { name: 'zeros' },
      rule: 'residual-no-norm-fixup',
      reason:
        'Fixup zeroes the classifier (weight and bias) when residual branches run without normalization.',
    };
  }
  if (ctx.isTransformer) {
    return {
      scheme: { name: 'normal', mean: 0, std: 0.02 },
      rule: 'transformer-small-normal',
      reason: 'Transformer output head: N(0, 0.02^2) (often tied to the embedding).',
    };
  }
  return {
    scheme: { name: 'xavier_uniform', gain: 1 },
    rule: 'plan-output-layer',
    reason:
      'Output layer: no nonlinearity after it needs compensating, so Glorot scaling keeps the logits O(1) and balances the gradient sent back into the last hidden layer.',
  };
}

/** A transformer weight: N(0, 0.02^2), times 1/sqrt(branches) when it ends a residual branch. */
function transformerWeight(isLast: boolean, numBranches: number): Choice {
  return isLast
    ? {
        scheme: { name: 'normal', mean: 0, std: 0.02, multiplier: 1 / Math.sqrt(numBranches) },
        rule: 'transformer-small-normal',
        reason: `Last layer of a residual branch in a transformer (MLP down-projection): std 0.02 x 1/sqrt(${numBranches}).`,
      }
    : {
        scheme: { name: 'normal', mean: 0, std: 0.02 },
        rule: 'transformer-small-normal',
        reason: 'Transformer weight: N(0, 0.02^2).',
      };
}

/** A hidden weight: the activation rule of `recommend`, scaled by Fixup inside an unnormalized branch. */
function hiddenWeight(act: ActivationInput, branch: BranchPosition, ctx: PlanContext): Choice {
  const rec = ctx.baseFor(act);
  const base: Choice = {
    scheme: rec.scheme,
    rule: rec.ruleIds.find((id) => !id.startsWith('preset-')) ?? 'default-assume-relu',
    reason: rec.reasons[0] ?? '',
  };
  if (branch.run === undefined || !ctx.fixupOn) return base;
  const m = Math.max(2, branch.weights.length);
  const s = fixupScale(ctx.numBranches, m);
  return {
    scheme: { ...base.scheme, multiplier: s },
    rule: 'residual-no-norm-fixup',
    reason: `Inside a residual branch without normalization: the activation rule times L^(-1/(2m-2)) = ${ctx.numBranches}^(-1/${2 * m - 2}) = ${s} (Fixup).`,
  };
}

function weightChoice(l: CheckedLayer, act: ActivationInput, ctx: PlanContext): Choice {
  const branch = branchPosition(l, ctx);
  if (l === ctx.outputLayer) return outputWeight(ctx);
  if (ctx.isTransformer) return transformerWeight(branch.isLast, ctx.numBranches);
  if (branch.isLast && ctx.fixupOn) {
    return {
      scheme: { name: 'zeros' },
      rule: 'residual-no-norm-fixup',
      reason:
        'Last layer of a residual branch without normalization: zero (Fixup), so the block starts as the identity.',
    };
  }
  return hiddenWeight(act, branch, ctx);
}

/** Adds the layer to the mean-field analysis (a zeroed Fixup head is analysed as Glorot). */
function recordSignal(
  l: CheckedLayer,
  act: ActivationInput,
  scheme: SchemeConfig,
  ctx: PlanContext,
  state: PlanState,
) {
  if (!state.signalPossible) return;
  try {
    // A deliberately zeroed classifier (Fixup) would silence the whole analysis; judge the
    // trunk as if the head were Glorot-scaled instead.
    const analysed =
      l === ctx.outputLayer && scheme.name === 'zeros' ? { name: 'xavier_uniform', gain: 1 } : scheme;
    if (analysed !== scheme)
      ctx.assumptions.push(
        `signal analysis: the zero-initialized head '${l.name}' is treated as xavier_uniform`,
      );
    const stats = weightStatistics(analysed, l.shape);
    state.signal.push({
      name: l.name,
      activation: act,
      sigmaW2: stats.sigmaW2,
      backwardSigmaW2: stats.backwardSigmaW2,
      ...(l.branch !== undefined ? { branch: l.branch } : {}),
      ...(state.pendingNorm ? { normalizedInput: true } : {}),
    });
  } catch {
    state.signalPossible = false;
  }
}

/** dense, linear, conv1d/2d/3d: weight by position (output, transformer, residual branch, hidden), bias, signal. */
function planWeightLayer(l: CheckedLayer, ctx: PlanContext, state: PlanState): void {
  const act = activationOf(l, ctx);
  const [o] = l.shape as [number];
  const { scheme, rule, reason } = weightChoice(l, act, ctx);
  state.push(l, 'weight', l.shape, scheme, rule, reason);
  weightLayerBias(state, l, o, l === ctx.outputLayer && ctx.fixupOn);
  recordSignal(l, act, scheme, ctx, state);
  state.pendingNorm = false;
}

/** The planner of every layer kind: look here to find where a kind is handled. */
export const LAYER_PLANNERS: Readonly<Record<LayerKind, LayerPlanner>> = {
  dense: planWeightLayer,
  linear: planWeightLayer,
  conv1d: planWeightLayer,
  conv2d: planWeightLayer,
  conv3d: planWeightLayer,
  embedding: planEmbedding,
  rnn: planRecurrent,
  lstm: planRecurrent,
  gru: planRecurrent,
  attention: planAttention,
  layer_norm: planNorm,
  batch_norm: planNorm,
};
