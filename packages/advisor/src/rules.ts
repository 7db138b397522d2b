import { fixupScale, gpt2Residual } from '@init/schemes';
import type { Activation } from './activations';
import type { ResolvedContext, SchemeConfig } from './context';
import { getPreset } from './presets';
import type { Draft } from './recommendation';
import { weightStatistics } from './scheme-statistics';
import { MAX_DEPTH, propagate } from './signal-propagation';
import type { SourceId } from './sources';
import { activationMoments } from './variance-gain';

/** When a rule runs: presets first, then the first matching primary rule, then every matching modifier. */
export type RuleKind = 'preset' | 'primary' | 'modifier';

/**
 * One rule of the advisor: data for the decision table (`when`, `recommends`, `why`, `sources`)
 * and two small functions: does it apply, and what does it add.
 */
export interface Rule {
  /** Stable id, used in `ruleIds`, tests and docs. */
  readonly id: string;
  /** When the rule runs: `preset`, `primary` or `modifier`. */
  readonly kind: RuleKind;
  /** The condition, in words. */
  readonly when: string;
  /** The outcome, in words. */
  readonly recommends: string;
  /** The principle behind it, in one sentence. */
  readonly why: string;
  /** The papers and documents the rule rests on. */
  readonly sources: readonly SourceId[];
  /** Whether the rule applies to the resolved context. */
  matches(ctx: ResolvedContext): boolean;
  /** Adds the rule's scheme, reasons, alternatives or warnings to the draft recommendation. */
  apply(draft: Draft, ctx: ResolvedContext): void;
}

// ---------------------------------------------------------------- helpers

const FEEDFORWARD = new Set(['mlp', 'cnn', 'autoencoder']);

function isFeedforward(ctx: ResolvedContext): boolean {
  return ctx.architecture === undefined || FEEDFORWARD.has(ctx.architecture);
}

function name(ctx: ResolvedContext): string | undefined {
  return ctx.activation?.name;
}

function family(ctx: ResolvedContext): string | undefined {
  return ctx.activation?.family;
}

/** He config for the ReLU family (leaky slope passed through). */
function heFor(act: Activation | undefined): SchemeConfig {
  if (act?.name === 'leaky_relu') {
    return { name: 'he_normal', mode: 'fan_in', nonlinearity: 'leaky_relu', slope: act.param ?? 0.01 };
  }
  return { name: 'he_normal', mode: 'fan_in', nonlinearity: 'relu' };
}

/** Rounds a derived scale to 12 significant digits so configs print cleanly. */
function round12(x: number): number {
  return Number(x.toPrecision(12));
}

/** variance_scaling with scale = 1/E[phi(z)^2]: exact variance preservation for this activation. */
function exactGainConfig(act: Activation): SchemeConfig {
  const m = activationMoments(
    act.name === 'custom' ? { fn: act.fn, derivative: act.derivative, kinks: act.kinks } : spec(act),
  );
  return {
    name: 'variance_scaling',
    scale: round12(1 / m.secondMoment),
    mode: 'fan_in',
    distribution: 'normal',
  };
}

function spec(act: Activation) {
  if (act.name === 'leaky_relu') return { name: 'leaky_relu' as const, slope: act.param ?? 0.01 };
  if (act.name === 'elu') return { name: 'elu' as const, alpha: act.param ?? 1 };
  return { name: act.name as Exclude<Activation['name'], 'custom'> };
}

function secondMoment(act: Activation): number {
  return activationMoments(
    act.name === 'custom' ? { fn: act.fn, derivative: act.derivative, kinks: act.kinks } : spec(act),
  ).secondMoment;
}

function cite(draft: Draft, ids: readonly SourceId[]): void {
  for (const id of ids) draft.sources.add(id);
}

function setScheme(draft: Draft, scheme: SchemeConfig, reason: string): void {
  draft.scheme = scheme;
  draft.reasons.push(reason);
}

const ZERO_BIAS: SchemeConfig = { name: 'zeros' };

// ---------------------------------------------------------------- presets

function presetRule(presetName: Parameters<typeof getPreset>[0]): Rule {
  const p = getPreset(presetName);
  const ctxText = Object.entries(p.context)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  return {
    id: `preset-${p.name.replace(/_/g, '-')}`,
    kind: 'preset',
    when: `preset = ${p.name} (${p.title})`,
    recommends: `${p.documentChoice}; fills in ${ctxText}`,
    why: p.rationale,
    sources: ['seed'],
    matches: (ctx) => ctx.preset === p.name,
    apply: (draft) => {
      draft.reasons.push(
        `Use case "${p.title}": the source document pairs it with ${p.documentChoice}. Treated as ${ctxText}. ${p.rationale}`,
      );
    },
  };
}

// ---------------------------------------------------------------- primary rules

const transformer: Rule = {
  id: 'transformer-small-normal',
  kind: 'primary',
  when: 'architecture = transformer',
  recommends:
    'normal(0, 0.02) for all weights and embeddings; residual output projections x 1/sqrt(2N); biases 0; LayerNorm gain 1, shift 0',
  why: 'Small fixed-std weights keep attention logits and the residual stream O(1) at typical widths; each block adds two residual terms, so scaling their projections by 1/sqrt(2N) keeps the stream variance from growing with depth.',
  sources: ['radford2019'],
  matches: (ctx) => ctx.architecture === 'transformer',
  apply: (draft, ctx) => {
    setScheme(
      draft,
      { name: 'normal', mean: 0, std: 0.02 },
      'Transformer weights and embeddings start from N(0, 0.02^2): small enough that attention scores and the residual stream begin near unit scale for widths in the usual 512-2048 range.',
    );
    draft.bias = ZERO_BIAS;
    if (ctx.depth !== undefined) {
      const g = gpt2Residual({ numLayers: ctx.depth });
      draft.roles.push({
        role: 'residual_output_projection',
        scheme: g.config,
        reason: `Attention output and MLP down-projections write into the residual stream twice per block; with N = ${ctx.depth} blocks their std is multiplied by 1/sqrt(2N) = ${round12(g.multiplier)} so the summed variance stays bounded.`,
      });
    } else {
      draft.roles.push({
        role: 'residual_output_projection',
        scheme: { name: 'normal', mean: 0, std: 0.02 },
        reason:
          'Multiply these by 1/sqrt(2N) for N blocks (pass depth to get the number); without it the residual stream variance grows linearly with depth.',
      });
      draft.warnings.push(
        'Pass depth (the number of blocks) so the residual projection multiplier 1/sqrt(2N) can be computed.',
      );
    }
    draft.roles.push({
      role: 'layer_norm_gain',
      scheme: { name: 'ones' },
      reason: 'LayerNorm starts as a plain standardization: gain 1, shift 0.',
    });
    draft.alternatives.push({
      scheme: { name: 'xavier_uniform', gain: 1 },
      tradeoff:
        'The original Transformer and fairseq default: width-aware, but without residual scaling deep post-LN stacks need warmup.',
    });
    if (ctx.width !== undefined) {
      draft.alternatives.push({
        scheme: { name: 'normal', mean: 0, std: round12(Math.sqrt(2 / (5 * ctx.width))) },
        tradeoff: `Width-aware small init std = sqrt(2/(5 d)) for d = ${ctx.width}: follows the width instead of a fixed 0.02 (Nguyen & Salazar 2019).`,
      });
      draft.sources.add('nguyen2019');
    }
    cite(draft, transformer.sources);
  },
};

function recurrentCore(gateOrder: readonly string[] | undefined): SchemeConfig {
  return gateOrder === undefined
    ? { name: 'orthogonal', gain: 1 }
    : { name: 'rnn_orthogonal', gate_order: [...gateOrder], gain: 1 };
}

function inputSide(draft: Draft, ctx: ResolvedContext): void {
  const act = ctx.activation;
  if (act !== undefined && act.family === 'relu') {
    draft.roles.push({
      role: 'feature_layers',
      scheme: heFor(act),
      reason: `The ${act.label} feature layers in front of the recurrent core follow the ReLU rule (He): they need the doubled variance to keep their signal, and converge fast.`,
    });
    draft.sources.add('he2015');
  }
}

const lstm: Rule = {
  id: 'lstm-gates',
  kind: 'primary',
  when: 'architecture = lstm',
  recommends:
    'recurrent weights: orthogonal per gate block; input weights: xavier_uniform; bias: 0 except forget gate = 1',
  why: 'An orthogonal recurrent map neither shrinks nor amplifies the state from step to step, and a forget bias of 1 makes the cell remember by default until it learns to forget.',
  sources: ['saxe2013', 'jozefowicz2015', 'glorot2010', 'seed'],
  matches: (ctx) => ctx.architecture === 'lstm',
  apply: (draft, ctx) => {
    setScheme(
      draft,
      recurrentCore(['i', 'f', 'g', 'o']),
      'The recurrent weights (weight_hh) get an independent orthogonal matrix for each of the four gate blocks [i, f, g, o]: repeated multiplication by an orthogonal matrix preserves the norm of the hidden state, so gradients through time neither vanish nor explode at the start.',
    );
    draft.roles.push({
      role: 'input_weight',
      scheme: { name: 'xavier_uniform', gain: 1 },
      reason:
        'Input-to-hidden weights (weight_ih) feed sigmoid and tanh gates, so the Glorot rule for saturating units applies.',
    });
    draft.bias = { name: 'lstm_forget_bias', gate_order: ['i', 'f', 'g', 'o'], value: 1 };
    draft.roles.push({
      role: 'forget_gate_bias',
      scheme: { name: 'lstm_forget_bias', gate_order: ['i', 'f', 'g', 'o'], value: 1 },
      reason:
        'Forget-gate bias 1, every other bias 0: sigmoid(1) = 0.73, so the cell keeps most of its state from the first step. PyTorch sums two bias vectors (bias_ih + bias_hh): put the 1 in only one of them and zero the other.',
    });
    inputSide(draft, ctx);
    draft.alternatives.push({
      scheme: { name: 'chrono_bias', gate_order: ['i', 'f', 'g', 'o'], t_max: 100 },
      tradeoff:
        'Chrono initialization: when you know the longest dependency T_max (set t_max), gate biases spread the memory time scales over 1..T_max; better on long-range tasks, but needs that number.',
    });
    draft.alternatives.push({
      scheme: { name: 'orthogonal', gain: 1 },
      tradeoff:
        'One orthogonal matrix over the whole stacked [4H, H] weight (Keras style) instead of one per gate: simpler, but each gate block alone is not orthogonal.',
    });
    draft.sources.add('tallec2018');
    cite(draft, lstm.sources);
  },
};

const gru: Rule = {
  id: 'gru-gates',
  kind: 'primary',
  when: 'architecture = gru',
  recommends:
    'recurrent weights: orthogonal per gate block [r, z, n]; input weights: xavier_uniform; biases 0',
  why: 'The orthogonal recurrent map preserves the hidden-state norm across time steps; the update gate already interpolates with the previous state, so zero biases are a neutral start.',
  sources: ['saxe2013', 'glorot2010', 'seed'],
  matches: (ctx) => ctx.architecture === 'gru',
  apply: (draft, ctx) => {
    setScheme(
      draft,
      recurrentCore(['r', 'z', 'n']),
      'The recurrent weights get one orthogonal matrix per gate block [r, z, n] (PyTorch order), so the state keeps its norm from step to step at initialization.',
    );
    draft.roles.push({
      role: 'input_weight',
      scheme: { name: 'xavier_uniform', gain: 1 },
      reason: 'Input weights feed sigmoid and tanh gates: Glorot scaling.',
    });
    draft.bias = ZERO_BIAS;
    inputSide(draft, ctx);
    draft.alternatives.push({
      scheme: { name: 'constant', value: 1 },
      tradeoff:
        "For the update-gate bias slice only: with PyTorch's h' = (1 - z) n + z h, a bias of +1 on z makes the unit keep its state by default (the GRU analogue of the LSTM forget bias); useful for long dependencies.",
    });
    cite(draft, gru.sources);
  },
};

const rnn: Rule = {
  id: 'rnn-orthogonal',
  kind: 'primary',
  when: 'architecture = rnn (plain recurrent layer)',
  recommends:
    'recurrent weights: orthogonal (identity for ReLU RNNs as an alternative); input weights by activation; biases 0',
  why: 'The state is multiplied by the recurrent matrix at every step; an orthogonal matrix has all singular values 1, so memory neither fades nor blows up at the start.',
  sources: ['saxe2013', 'le2015', 'seed'],
  matches: (ctx) => ctx.architecture === 'rnn',
  apply: (draft, ctx) => {
    setScheme(
      draft,
      recurrentCore(undefined),
      'Recurrent weights: a random orthogonal matrix, so every direction of the hidden state survives many time steps unchanged in length.',
    );
    const relu = family(ctx) === 'relu';
    draft.roles.push({
      role: 'input_weight',
      scheme: relu ? heFor(ctx.activation) : { name: 'xavier_uniform', gain: 1 },
      reason: relu
        ? 'Input weights into ReLU units: He scaling.'
        : 'Input weights into tanh units: Glorot scaling.',
    });
    draft.bias = ZERO_BIAS;
    if (relu) {
      draft.alternatives.push({
        scheme: { name: 'rnn_identity', gain: 1 },
        tradeoff:
          'IRNN: identity recurrent matrix with ReLU; remembers perfectly at the start and is easy to train on long sequences, but can blow up without gradient clipping.',
      });
    }
    cite(draft, rnn.sources);
  },
};

const edge: Rule = {
  id: 'edge-sparse',
  kind: 'primary',
  when: 'target = edge (low power / low memory), feed-forward network',
  recommends: 'sparse init (90% zeros) with the non-zeros scaled to keep the layer variance',
  why: 'Starting with few connections per unit pairs naturally with pruning and sparse kernels on small devices; scaling the survivors keeps the signal variance of a dense init.',
  sources: ['seed', 'martens2010'],
  matches: (ctx) => ctx.target === 'edge' && isFeedforward(ctx),
  apply: (draft, ctx) => {
    const sparsity = 0.9;
    const act = ctx.activation;
    let std = 0.01;
    if (ctx.width !== undefined) {
      const gain2 = act === undefined ? 2 : 1 / secondMoment(act);
      std = round12(Math.sqrt(gain2 / ((1 - sparsity) * ctx.width)));
    } else {
      draft.warnings.push(
        'Without width the sparse std falls back to 0.01, which is far too small for wide layers; pass width to get std = gain / sqrt((1 - sparsity) fan_in).',
      );
    }
    setScheme(
      draft,
      { name: 'sparse', sparsity, std },
      `Sparse init (90% of weights zero): the source document's choice for low-power devices. ${ctx.width !== undefined ? `The non-zeros get std ${std} so that the expected variance per unit matches a dense variance-preserving init at width ${ctx.width}.` : ''}`.trim(),
    );
    draft.bias = ZERO_BIAS;
    draft.warnings.push(
      'A sparse start saves memory and time only if the zeros stay zero (mask them during training, or prune) and the runtime uses sparse storage or kernels; a dense tensor full of zeros costs the same as any other.',
    );
    draft.alternatives.push({
      scheme: heFor(act),
      tradeoff:
        'Dense He init, then prune or quantize after training: usually better accuracy for the same final size.',
    });
    cite(draft, edge.sources);
  },
};

const selu: Rule = {
  id: 'selu-lecun',
  kind: 'primary',
  when: 'activation = selu',
  recommends: 'lecun_normal (variance 1/fan_in), biases 0',
  why: "SELU's two constants were solved so that, with weights of variance 1/fan_in, zero mean and unit variance is an attracting fixed point of the layer map; LeCun normal is exactly that variance.",
  sources: ['klambauer2017', 'lecun1998', 'seed'],
  matches: (ctx) => name(ctx) === 'selu',
  apply: (draft) => {
    setScheme(
      draft,
      { name: 'lecun_normal' },
      'LeCun normal, W ~ N(0, 1/fan_in): the weight variance for which SELU networks pull every layer back to mean 0 and variance 1 (self-normalization).',
    );
    draft.bias = ZERO_BIAS;
    draft.alternatives.push({
      scheme: { name: 'lecun_uniform' },
      tradeoff:
        'Same variance with bounded values; the self-normalizing analysis assumes Gaussian weights, but in practice it behaves the same.',
    });
    cite(draft, selu.sources);
  },
};

const custom: Rule = {
  id: 'custom-activation-exact-gain',
  kind: 'primary',
  when: 'activation is a custom function',
  recommends: 'variance_scaling(scale = 1/E[phi(z)^2], fan_in, normal), computed by quadrature',
  why: 'With zero-mean weights the next pre-activation variance is fan_in Var(W) E[phi(z)^2], so this scale keeps it at 1 whatever phi is.',
  sources: ['poole2016', 'he2015', 'seed'],
  matches: (ctx) => family(ctx) === 'custom',
  apply: (draft, ctx) => {
    const act = ctx.activation!;
    const cfg = exactGainConfig(act);
    setScheme(
      draft,
      cfg,
      `For ${act.label} the advisor integrates E[phi(z)^2] over z ~ N(0, 1) numerically and sets Var(W) = ${cfg.scale}/fan_in, the variance that keeps pre-activations at unit variance layer after layer.`,
    );
    draft.bias = ZERO_BIAS;
    const m = activationMoments({ fn: act.fn, derivative: act.derivative, kinks: act.kinks });
    if (Math.abs(m.mean) > 0.25 * Math.sqrt(m.secondMoment)) {
      draft.warnings.push(
        `${act.label} has a large mean output (E[phi] = ${round12(m.mean)}); zero-centered alternatives train more easily, or use the centered gain 1/sqrt(Var[phi]) with weight standardization.`,
      );
    }
    draft.warnings.push(
      'For exotic activations check the prediction layer by layer: `init-advisor propagate` (or propagate()) and, after building the model, measured activation statistics.',
    );
    cite(draft, custom.sources);
  },
};

const relu: Rule = {
  id: 'relu-he',
  kind: 'primary',
  when: 'activation = relu or leaky_relu',
  recommends: 'he_normal (variance 2/fan_in; 2/((1 + a^2) fan_in) for leaky slope a), biases 0',
  why: 'ReLU zeroes the negative half of its input and so passes only half the second moment; doubling the weight variance gives it back.',
  sources: ['he2015', 'seed'],
  matches: (ctx) => family(ctx) === 'relu' && name(ctx) !== 'elu',
  apply: (draft, ctx) => {
    const act = ctx.activation!;
    const leaky = act.name === 'leaky_relu';
    setScheme(
      draft,
      heFor(act),
      leaky
        ? `He init with the leaky slope a = ${act.param}: E[phi(z)^2] = (1 + a^2)/2, so Var(W) = 2/((1 + a^2) fan_in) preserves the variance.`
        : 'He init, Var(W) = 2/fan_in: a ReLU keeps only the positive half of a symmetric input, so E[relu(z)^2] = 1/2 and the factor 2 restores unit variance at every layer.',
    );
    draft.bias = ZERO_BIAS;
    draft.alternatives.push({
      scheme: { ...heFor(act), name: 'he_uniform' },
      tradeoff: 'Same variance from a bounded uniform; PyTorch-style, no practical difference for training.',
    });
    draft.alternatives.push({
      scheme: { name: 'xavier_uniform', gain: 1 },
      tradeoff:
        'Glorot scaling halves the signal at each ReLU layer; acceptable in shallow nets, vanishing in deep ones.',
    });
    cite(draft, relu.sources);
  },
};

const elu: Rule = {
  id: 'elu-he',
  kind: 'primary',
  when: 'activation = elu',
  recommends: 'he_normal, as for the ReLU family; exact-gain variance_scaling as the precise alternative',
  why: 'ELU behaves like ReLU for positive inputs, so He is the document-standard choice; its negative part adds second moment, so the exact gain is a little below sqrt 2.',
  sources: ['he2015', 'seed', 'poole2016'],
  matches: (ctx) => name(ctx) === 'elu',
  apply: (draft, ctx) => {
    const act = ctx.activation!;
    setScheme(
      draft,
      heFor(undefined),
      'He init: ELU is a ReLU variant (identity for positive inputs), and the source document groups it with ReLU.',
    );
    draft.bias = ZERO_BIAS;
    const exact = exactGainConfig(act);
    draft.alternatives.push({
      scheme: exact,
      tradeoff: `Exact variance preservation for ${act.label}: E[elu(z)^2] is ${round12(1 / (exact.scale as number))}, not 1/2, so the precise scale is ${exact.scale} instead of 2; He overshoots by that ratio per layer, which matters in deep nets.`,
    });
    cite(draft, elu.sources);
  },
};

const smoothRelu: Rule = {
  id: 'smooth-relu-exact-gain',
  kind: 'primary',
  when: 'activation = gelu, gelu_tanh, silu/swish, mish or softplus',
  recommends: 'variance_scaling(scale = 1/E[phi(z)^2], fan_in, normal); he_normal as the common alternative',
  why: 'These smooth ReLU-like units keep a different fraction of the second moment than ReLU (E[phi^2] = 0.425 for GELU, 0.356 for SiLU, 0.452 for Mish, against 0.5), so the exact scale (2.35, 2.81, 2.21) differs from He by 10-40%.',
  sources: ['he2015', 'poole2016'],
  matches: (ctx) => family(ctx) === 'smooth_relu',
  apply: (draft, ctx) => {
    const act = ctx.activation!;
    const cfg = exactGainConfig(act);
    const m2 = 1 / (cfg.scale as number);
    setScheme(
      draft,
      cfg,
      `For ${act.label}, E[phi(z)^2] = ${round12(m2)} with z ~ N(0, 1) (numeric quadrature), so Var(W) = ${cfg.scale}/fan_in keeps the pre-activation variance at 1 (gain ${round12(Math.sqrt(cfg.scale as number))}).`,
    );
    draft.bias = ZERO_BIAS;
    draft.alternatives.push({
      scheme: heFor(undefined),
      tradeoff: `He (scale 2) is what most code uses for ${act.label}; it is ${2 * m2 < 1 ? 'slightly small: the variance shrinks by a factor ' : 'slightly large: the variance grows by a factor '}${round12(2 * m2)} per layer, harmless in shallow or normalized nets.`,
    });
    cite(draft, smoothRelu.sources);
  },
};

const autoencoder: Rule = {
  id: 'autoencoder-sigmoid-decoder',
  kind: 'primary',
  when: 'architecture = autoencoder with sigmoid/tanh units (or no activation given and a sigmoid decoder output)',
  recommends: 'xavier_uniform for encoder and decoder, biases 0',
  why: 'Glorot scaling balances the forward and backward variance through saturating units, which keeps the mirrored encoder/decoder paths symmetric.',
  sources: ['glorot2010', 'seed'],
  matches: (ctx) =>
    ctx.architecture === 'autoencoder' &&
    (family(ctx) === 'saturating' ||
      (ctx.activation === undefined && ctx.outputActivation?.name === 'sigmoid')),
  apply: (draft) => {
    setScheme(
      draft,
      { name: 'xavier_uniform', gain: 1 },
      'Xavier/Glorot for the autoencoder: with sigmoid or tanh units, variance 2/(fan_in + fan_out) keeps both the reconstruction signal and its gradient at a steady scale through encoder and decoder.',
    );
    draft.bias = ZERO_BIAS;
    draft.alternatives.push({
      scheme: { name: 'xavier_normal', gain: 1 },
      tradeoff: 'Same variance, Gaussian values.',
    });
    cite(draft, autoencoder.sources);
  },
};

const saturating: Rule = {
  id: 'tanh-sigmoid-xavier',
  kind: 'primary',
  when: 'activation = tanh or sigmoid',
  recommends: 'xavier_uniform (variance 2/(fan_in + fan_out)), biases 0',
  why: 'Near zero tanh is almost linear, so keeping the variance of both activations and gradients steady means averaging the forward (fan_in) and backward (fan_out) conditions.',
  sources: ['glorot2010', 'seed'],
  matches: (ctx) => family(ctx) === 'saturating',
  apply: (draft, ctx) => {
    setScheme(
      draft,
      { name: 'xavier_uniform', gain: 1 },
      `Xavier/Glorot init for ${ctx.activation!.label}: variance 2/(fan_in + fan_out) keeps activations in the responsive middle of the curve and gradients at a steady scale in both directions.`,
    );
    draft.bias = ZERO_BIAS;
    draft.alternatives.push({
      scheme: { name: 'xavier_normal', gain: 1 },
      tradeoff: 'Same variance, Gaussian values.',
    });
    if (name(ctx) === 'tanh') {
      draft.alternatives.push({
        scheme: { name: 'xavier_uniform', gain: 5 / 3 },
        tradeoff:
          "PyTorch's calculate_gain('tanh') = 5/3: activations keep more variance in deep stacks, but chi_1 rises above 1 (chaotic phase) and gradients grow toward the input.",
      });
      draft.alternatives.push({
        scheme: { name: 'orthogonal', gain: 1 },
        tradeoff:
          'Orthogonal weights at the edge of chaos give dynamical isometry for tanh (all Jacobian singular values near 1); the best option for very deep plain tanh nets.',
      });
      draft.sources.add('saxe2013');
    }
    cite(draft, saturating.sources);
  },
};

const linear: Rule = {
  id: 'linear-xavier',
  kind: 'primary',
  when: 'activation = linear (identity)',
  recommends: 'xavier_uniform; random_small for tiny models; orthogonal for deep linear stacks',
  why: 'Without a nonlinearity a layer only rescales the variance, so the task is to hold that factor at 1 in the forward and the backward pass, which Glorot scaling does on average.',
  sources: ['glorot2010', 'saxe2013', 'seed'],
  matches: (ctx) => family(ctx) === 'linear',
  apply: (draft) => {
    setScheme(
      draft,
      { name: 'xavier_uniform', gain: 1 },
      'Xavier/Glorot init: without a nonlinearity the variance is simply multiplied by fan Var(W), and 2/(fan_in + fan_out) balances the forward and backward passes.',
    );
    draft.bias = ZERO_BIAS;
    draft.alternatives.push({
      scheme: { name: 'random_small', std: 0.01 },
      tradeoff:
        'The source document allows small random values for linear models; fine for a layer or two, but the scale ignores the fan, so wide or deep stacks shrink the signal.',
    });
    draft.alternatives.push({
      scheme: { name: 'orthogonal', gain: 1 },
      tradeoff:
        'For deep linear stacks: an orthogonal product stays orthogonal, so no direction shrinks or grows however deep.',
    });
    cite(draft, linear.sources);
  },
};

const fallback: Rule = {
  id: 'default-assume-relu',
  kind: 'primary',
  when: 'no activation given (and no rule above applies)',
  recommends: 'he_normal, assuming ReLU hidden units',
  why: 'ReLU is the most common hidden activation in feed-forward and convolutional nets; the assumption is reported so it can be corrected.',
  sources: ['he2015', 'seed'],
  matches: () => true,
  apply: (draft) => {
    draft.assumptions.push('activation: relu (not given)');
    draft.warnings.push(
      'No activation was given; the advice assumes ReLU. Pass activation to get the right rule.',
    );
    setScheme(
      draft,
      heFor(undefined),
      'He init for the assumed ReLU units: variance 2/fan_in restores the half of the second moment a ReLU drops.',
    );
    draft.bias = ZERO_BIAS;
    cite(draft, fallback.sources);
  },
};

// ---------------------------------------------------------------- modifiers

const fixup: Rule = {
  id: 'residual-no-norm-fixup',
  kind: 'modifier',
  when: 'residual connections (or resnet) and normalization = none',
  recommends:
    'Fixup: zero the last layer of every residual branch and the classifier; scale the other branch layers by L^(-1/(2m-2))',
  why: 'Without normalization each branch adds its variance to the trunk, so the output variance grows with the number of blocks; a zeroed branch end makes every block start as the identity, and the scaling bounds the size of the first updates.',
  sources: ['zhang2019', 'de2020'],
  matches: (ctx) => ctx.residual && ctx.normalization === 'none',
  apply: (draft, ctx) => {
    const L = ctx.depth;
    const m = 2;
    const scale = L !== undefined ? fixupScale(L, m) : undefined;
    const base = draft.scheme ?? heFor(ctx.activation);
    draft.roles.push({
      role: 'residual_branch',
      scheme: scale !== undefined ? { ...base, multiplier: round12(scale) } : base,
      reason:
        scale !== undefined
          ? `Weight layers inside each residual branch (m = ${m} per branch assumed) are multiplied by L^(-1/(2m-2)) = ${L}^(-1/2) = ${round12(scale)}.`
          : 'Multiply the weight layers inside each branch by L^(-1/(2m-2)) for L branches of m layers (pass depth = number of blocks to get it).',
    });
    draft.roles.push({
      role: 'residual_branch_last',
      scheme: { name: 'zeros' },
      reason:
        'The last layer of every residual branch starts at 0, so each block is the identity map at initialization and the trunk variance does not grow with depth.',
    });
    draft.roles.push({
      role: 'classifier',
      scheme: { name: 'zeros' },
      reason:
        'Fixup also zeroes the final classification layer (weight and bias). It still learns from the first step, because its inputs are not zero; the layers below start receiving gradient from the second step on.',
    });
    draft.reasons.push(
      'No normalization with residual connections: Fixup rules apply, because nothing else stops the per-block variance from accumulating.',
    );
    if (L === undefined)
      draft.warnings.push('Pass depth (the number of residual blocks L) to compute the Fixup multiplier.');
    draft.alternatives.push({
      scheme: { name: 'zeros' },
      tradeoff:
        'SkipInit/ReZero: instead of rescaling, put a learnable scalar gate (initialized to 0) on each branch; simpler, same identity start.',
    });
    cite(draft, fixup.sources);
  },
};

const resnetNorm: Rule = {
  id: 'residual-norm-zero-gamma',
  kind: 'modifier',
  when: 'residual connections (or resnet) with batch or layer normalization',
  recommends:
    "He with mode fan_out for convolutions (torchvision); the last norm layer's gain in each block set to 0",
  why: 'A zero gain on the last normalization of a block turns the block into the identity at the start, which makes very deep residual nets train like shallow ones early on.',
  sources: ['goyal2017', 'he2015'],
  matches: (ctx) => ctx.residual && (ctx.normalization === 'batch' || ctx.normalization === 'layer'),
  apply: (draft, ctx) => {
    draft.roles.push({
      role: 'last_norm_gain_in_block',
      scheme: { name: 'zeros' },
      reason:
        "Set the gain (gamma) of each block's last normalization layer to 0: the block outputs exactly its input at step 0.",
    });
    if (draft.scheme?.name === 'he_normal' && ctx.architecture === 'resnet') {
      draft.alternatives.push({
        scheme: { ...draft.scheme, mode: 'fan_out' },
        tradeoff:
          'torchvision ResNets use fan_out: the backward pass keeps its variance instead of the forward one; with normalization either works.',
      });
    }
    draft.reasons.push(
      'With normalization after each convolution the exact weight scale matters less; the zero-gain trick is what helps deep residual stacks.',
    );
    cite(draft, resnetNorm.sources);
  },
};

const residualUnknownNorm: Rule = {
  id: 'residual-normalization-unspecified',
  kind: 'modifier',
  when: 'residual connections (or resnet) and normalization not given',
  recommends: 'a warning: the residual rules depend on it',
  why: 'With normalization the zero-gain trick applies; without it Fixup is needed; the advisor will not guess.',
  sources: ['zhang2019', 'goyal2017'],
  matches: (ctx) => ctx.residual && ctx.normalization === undefined,
  apply: (draft) => {
    draft.warnings.push(
      'Residual network without a stated normalization: with batch/layer norm, zero the last norm gain per block; with none, use Fixup (zero branch ends, scaled branches). Pass normalization to get the exact plan.',
    );
    cite(draft, residualUnknownNorm.sources);
  },
};

const transformerNoNorm: Rule = {
  id: 'transformer-no-layernorm',
  kind: 'modifier',
  when: 'architecture = transformer and normalization = none',
  recommends: 'T-Fixup depth scaling instead of plain 0.02',
  why: 'Without LayerNorm nothing rescales the residual stream, so the first Adam updates can blow up; T-Fixup shrinks the blocks by a depth-dependent factor so training works without LayerNorm and warmup.',
  sources: ['huang2020'],
  matches: (ctx) => ctx.architecture === 'transformer' && ctx.normalization === 'none',
  apply: (draft) => {
    draft.warnings.push(
      'A Transformer without LayerNorm is fragile with the 0.02 recipe; use T-Fixup scaling (tFixup() in @init/schemes) or keep LayerNorm with learning-rate warmup.',
    );
    cite(draft, transformerNoNorm.sources);
  },
};

const seluGain: Rule = {
  id: 'selu-not-three-quarters',
  kind: 'modifier',
  when: 'activation = selu',
  recommends: "a warning against kaiming with calculate_gain('selu') = 3/4",
  why: "Gain 3/4 means weight variance (9/16)/fan_in, which moves the network off SELU's (0, 1) fixed point, so the self-normalizing property is lost.",
  sources: ['klambauer2017', 'pytorchSeluGain'],
  matches: (ctx) => name(ctx) === 'selu',
  apply: (draft, ctx) => {
    const considered = ctx.considering;
    const usesSeluGain =
      considered !== undefined &&
      /^(he|kaiming)_/.test(considered.name) &&
      considered.nonlinearity === 'selu';
    draft.warnings.push(
      `${usesSeluGain ? 'The considered scheme uses ' : 'Do not use '}kaiming with nonlinearity 'selu' (PyTorch gain 3/4): that gives Var(W) = 0.5625/fan_in instead of 1/fan_in. SELU's constants assume exactly 1/fan_in; with 9/16 of it the variance shrinks layer after layer toward a much smaller fixed point (about 0.02 instead of 1 in the mean-field limit), so the self-normalizing pull toward (0, 1) is gone. The 3/4 value trades self-normalization for gradient stability; if you want SELU's guarantees, use LeCun normal (or nonlinearity 'linear').`,
    );
    if (ctx.normalization === 'batch' || ctx.normalization === 'layer') {
      draft.warnings.push(
        'SELU networks normalize themselves; extra batch/layer normalization is unnecessary and changes the analysis. Use alpha-dropout, not standard dropout.',
      );
    }
    cite(draft, seluGain.sources);
  },
};

const sigmoidHidden: Rule = {
  id: 'sigmoid-hidden-warning',
  kind: 'modifier',
  when: 'activation = sigmoid in hidden layers (not an autoencoder output)',
  recommends: 'a warning: prefer tanh for hidden layers',
  why: 'Sigmoid outputs are all positive (mean 0.5) and its slope is at most 1/4, so gradients shrink by 4x or more per layer.',
  sources: ['glorot2010'],
  matches: (ctx) => name(ctx) === 'sigmoid' && ctx.architecture !== 'autoencoder',
  apply: (draft) => {
    draft.warnings.push(
      'Sigmoid hidden units are not zero-centered and their slope is at most 1/4, so gradients fade quickly in depth; tanh (same shape, centered, slope 1) trains more easily.',
    );
    cite(draft, sigmoidHidden.sources);
  },
};

const autoencoderOutput: Rule = {
  id: 'autoencoder-decoder-output',
  kind: 'modifier',
  when: 'architecture = autoencoder and outputActivation = sigmoid, hidden units not saturating',
  recommends: 'xavier_uniform for the decoder output layer',
  why: 'The sigmoid output layer is a saturating unit even when the hidden layers are ReLU; Glorot scaling keeps it in its responsive range.',
  sources: ['glorot2010', 'seed'],
  matches: (ctx) =>
    ctx.architecture === 'autoencoder' &&
    ctx.outputActivation?.name === 'sigmoid' &&
    ctx.activation !== undefined &&
    ctx.activation.family !== 'saturating',
  apply: (draft) => {
    draft.roles.push({
      role: 'decoder_output',
      scheme: { name: 'xavier_uniform', gain: 1 },
      reason:
        'The sigmoid reconstruction layer: Glorot scaling keeps its inputs near the steep middle of the sigmoid.',
    });
    cite(draft, autoencoderOutput.sources);
  },
};

const cnn: Rule = {
  id: 'cnn-receptive-field',
  kind: 'modifier',
  when: 'architecture = cnn',
  recommends:
    'the activation rule with fan = channels x kernel area; delta-orthogonal for very deep plain CNNs',
  why: 'A convolution output sums over in_channels x kernel_height x kernel_width inputs, so that product is the fan the variance rules divide by.',
  sources: ['he2015', 'xiao2018', 'seed'],
  matches: (ctx) => ctx.architecture === 'cnn',
  apply: (draft, ctx) => {
    draft.reasons.push(
      'Convolutions: each output sums in_channels x kernel area inputs, so that is fan_in (and out_channels x kernel area is fan_out); the activation rule applies unchanged.',
    );
    if (!ctx.residual && ctx.target !== 'edge') {
      const gain = family(ctx) === 'relu' ? round12(Math.SQRT2) : 1;
      draft.alternatives.push({
        scheme: { name: 'delta_orthogonal', gain },
        tradeoff:
          'Delta-orthogonal (orthogonal centre tap, zero elsewhere): lets plain CNNs train at extreme depth near the critical point, but needs out_channels >= in_channels and starts with no spatial mixing.',
      });
    }
    cite(draft, cnn.sources);
  },
};

const veryDeep: Rule = {
  id: 'very-deep-plain',
  kind: 'modifier',
  when: 'depth >= 20, no residual connections, no normalization, feed-forward',
  recommends:
    'keep the activation rule exactly (He for ReLU, Xavier for tanh); consider residual connections or normalization',
  why: 'Any per-layer mismatch in variance compounds geometrically with depth, so the exact scale matters more the deeper the plain stack.',
  sources: ['seed', 'schoenholz2017'],
  matches: (ctx) =>
    ctx.depth !== undefined &&
    ctx.depth >= 20 &&
    !ctx.residual &&
    (ctx.normalization === undefined || ctx.normalization === 'none') &&
    isFeedforward(ctx),
  apply: (draft, ctx) => {
    draft.reasons.push(
      `At depth ${ctx.depth} a plain stack multiplies any per-layer variance error ${ctx.depth} times, so the variance-preserving rule for the activation is essential (the source document: He for ReLU, Xavier for tanh).`,
    );
    draft.warnings.push(
      `A plain ${ctx.depth}-layer network without normalization or skip connections is hard to train even with a correct init; residual connections or normalization make depth much safer.`,
    );
    cite(draft, veryDeep.sources);
  },
};

const meanField: Rule = {
  id: 'mean-field-check',
  kind: 'modifier',
  when: 'depth given, feed-forward without residual connections, activation known',
  recommends:
    'the mean-field verdict for the recommended scheme; switch to the exact-gain scheme if only that one keeps the signal',
  why: 'Iterating the variance map and chi_1 over the actual depth predicts, before any training, whether activations or gradients vanish, explode or saturate.',
  sources: ['poole2016', 'schoenholz2017'],
  matches: (ctx) =>
    ctx.depth !== undefined &&
    ctx.depth >= 2 &&
    !ctx.residual &&
    isFeedforward(ctx) &&
    ctx.target !== 'edge' &&
    ctx.activation !== undefined,
  apply: (draft, ctx) => {
    const act = ctx.activation!;
    const scheme = draft.scheme;
    if (scheme === undefined) return;
    const depth = Math.min(ctx.depth!, MAX_DEPTH);
    const width = ctx.width ?? 512;
    const where = ctx.width === undefined ? `${depth} square layers` : `${depth} layers of width ${width}`;
    const check = (cfg: SchemeConfig) =>
      propagate({
        activation: act.name === 'custom' ? customInput(act) : spec(act),
        depth,
        sigmaW2: weightStatistics(cfg, [width, width]).sigmaW2,
      });
    const report = check(scheme);
    draft.signal = { verdict: report.verdict, signalLostAt: report.signalLostAt, summary: report.summary };
    if (report.verdict === 'healthy') {
      draft.reasons.push(`Mean-field check over ${where}: ${report.summary}.`);
    } else {
      const exact = exactGainConfig(act);
      const better = exact.name !== scheme.name || exact.scale !== scheme.scale ? check(exact) : undefined;
      if (better !== undefined && better.verdict === 'healthy' && act.family !== 'saturating') {
        draft.alternatives.unshift({
          scheme,
          tradeoff: `The standard choice, but the mean-field check predicts: ${report.summary}.`,
        });
        draft.alternatives = draft.alternatives.filter(
          (a, i) => i === 0 || JSON.stringify(a.scheme) !== JSON.stringify(exact),
        );
        draft.scheme = exact;
        draft.signal = {
          verdict: better.verdict,
          signalLostAt: better.signalLostAt,
          summary: better.summary,
        };
        draft.reasons.push(
          `Mean-field check over ${where}: the standard scale would leave the healthy band (${report.summary}); the exact variance-preserving scale ${exact.scale}/fan_in keeps it (${better.summary}).`,
        );
      } else {
        draft.warnings.push(`Mean-field check over ${where}: ${report.summary}.`);
        if (act.name === 'selu' && report.lostIn === 'backward') {
          draft.reasons.push(
            "SELU at its fixed point has chi_1 = E[selu'(z)^2] = 1.07, slightly above 1: the forward signal stays normalized, but in the infinite-width limit gradients grow by about 3.5% per layer, which only matters for very deep stacks.",
          );
        }
      }
    }
    cite(draft, meanField.sources);
  },
};

function customInput(act: Activation) {
  return { name: act.label, fn: act.fn, derivative: act.derivative, kinks: act.kinks };
}

const normalized: Rule = {
  id: 'normalization-relaxes-scale',
  kind: 'modifier',
  when: 'batch or layer normalization, no residual connections, not a transformer',
  recommends: 'the activation rule still, with less sensitivity to its exact scale',
  why: 'Normalization re-standardizes every layer, so a wrong weight scale no longer compounds with depth; the init still sets the first steps and the relative scale of the layers.',
  sources: ['schoenholz2017'],
  matches: (ctx) =>
    (ctx.normalization === 'batch' || ctx.normalization === 'layer') &&
    !ctx.residual &&
    ctx.architecture !== 'transformer',
  apply: (draft) => {
    draft.reasons.push(
      'Normalization layers re-standardize the activations, so the network tolerates a wrong scale much better; the variance-preserving rule is still the right start.',
    );
    cite(draft, normalized.sources);
  },
};

const zeroSymmetry: Rule = {
  id: 'zero-init-symmetry',
  kind: 'modifier',
  when: 'the considered scheme sets every weight to the same value (zeros, ones, constant)',
  recommends: 'a warning: never for weights (biases are fine)',
  why: 'Units that start identical receive identical gradients and stay identical, so a layer of n units learns like a layer of one.',
  sources: ['seed'],
  matches: (ctx) =>
    ctx.considering !== undefined &&
    ['zeros', 'zero', 'ones', 'one', 'constant', 'const'].includes(ctx.considering.name),
  apply: (draft) => {
    draft.warnings.push(
      'Setting every weight to the same value (zero or any constant) does not break symmetry: all units of a layer compute the same output and receive the same gradient, so they never become different. Use it for biases or for deliberately silent layers (residual branch ends, readouts), never for ordinary weights.',
    );
    cite(draft, zeroSymmetry.sources);
  },
};

const randomSmallDeep: Rule = {
  id: 'random-small-deep',
  kind: 'modifier',
  when: 'the considered scheme is a fixed small std (random_small, or normal/uniform with std < 0.05) in a net deeper than 3 layers, not a transformer',
  recommends: 'a warning: the signal shrinks by fan Var(W) per layer',
  why: 'A fixed std ignores the fan, so each layer multiplies the variance by fan_in std^2, which is far from 1 for most widths.',
  sources: ['seed', 'he2015'],
  matches: (ctx) => {
    const c = ctx.considering;
    if (c === undefined || ctx.architecture === 'transformer' || (ctx.depth ?? 0) <= 3) return false;
    const std = typeof c.std === 'number' ? c.std : c.name === 'random_small' ? 0.01 : undefined;
    return ['random_small', 'normal', 'truncated_normal'].includes(c.name) && std !== undefined && std < 0.05;
  },
  apply: (draft, ctx) => {
    const c = ctx.considering!;
    const std = typeof c.std === 'number' ? c.std : 0.01;
    const w = ctx.width ?? 512;
    draft.warnings.push(
      `Small fixed random values (std ${std}) suit only tiny networks: each layer multiplies the variance by about fan_in x std^2 = ${round12(w * std * std)} (width ${w}), so after ${ctx.depth} layers the signal is off by about that factor to the power ${ctx.depth}.`,
    );
    cite(draft, randomSmallDeep.sources);
  },
};

const tiny: Rule = {
  id: 'tiny-network-random-small',
  kind: 'modifier',
  when: 'depth <= 2 and width <= 32',
  recommends: 'random_small is an acceptable alternative',
  why: 'With one or two small layers there is no depth for a scale error to compound over.',
  sources: ['seed'],
  matches: (ctx) => ctx.depth !== undefined && ctx.depth <= 2 && ctx.width !== undefined && ctx.width <= 32,
  apply: (draft) => {
    draft.alternatives.push({
      scheme: { name: 'random_small', std: 0.01 },
      tradeoff:
        'Fine for a network this small (the source document lists it for very simple tasks); gains nothing over the variance-preserving rule.',
    });
    cite(draft, tiny.sources);
  },
};

const biasZero: Rule = {
  id: 'bias-zero',
  kind: 'modifier',
  when: 'always (unless a rule set a special bias)',
  recommends: 'biases = 0',
  why: 'Random weights already make units different; zero biases add no variance and leave the mean of each pre-activation at 0.',
  sources: ['seed'],
  matches: () => true,
  apply: (draft) => {
    draft.bias ??= ZERO_BIAS;
    if (draft.bias.name === 'zeros') {
      draft.reasons.push(
        'Biases start at 0: the random weights already break the symmetry between units, and zero biases add no variance.',
      );
    }
  },
};

/**
 * Every rule, in evaluation order: presets, then primary rules (the first match sets the scheme),
 * then modifiers (each match adds roles, reasons, warnings or alternatives).
 *
 * @example
 * ```ts
 * rules.find((r) => r.id === 'lstm-gates')?.kind; // => 'primary'
 * ```
 */
export const rules: readonly Rule[] = [
  presetRule('digit_recognition'),
  presetRule('chatbot_memory'),
  presetRule('movie_recommender'),
  presetRule('iot_face_detection'),
  presetRule('selu_stock_prediction'),
  presetRule('voice_commands'),
  transformer,
  lstm,
  gru,
  rnn,
  edge,
  selu,
  custom,
  relu,
  elu,
  smoothRelu,
  autoencoder,
  saturating,
  linear,
  fallback,
  fixup,
  resnetNorm,
  residualUnknownNorm,
  transformerNoNorm,
  seluGain,
  sigmoidHidden,
  autoencoderOutput,
  cnn,
  veryDeep,
  normalized,
  meanField,
  zeroSymmetry,
  randomSmallDeep,
  tiny,
  biasZero,
];
