import { fixupScale } from '@init/schemes';
import { type ActivationInput, resolveActivation } from './activations';
import {
  ARCHITECTURES,
  type Architecture,
  NORMALIZATIONS,
  type Normalization,
  type SchemeConfig,
} from './context';
import { AdvisorError } from './errors';
import { recommend } from './recommend';
import { weightStatistics } from './scheme-statistics';
import { MAX_DEPTH, type PropagationReport, propagateLayers, type SignalLayer } from './signal-propagation';

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
export const LAYER_KINDS: readonly LayerKind[] = [
  'dense',
  'linear',
  'conv1d',
  'conv2d',
  'conv3d',
  'embedding',
  'rnn',
  'lstm',
  'gru',
  'attention',
  'layer_norm',
  'batch_norm',
];

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

const MODEL_KEYS = ['name', 'architecture', 'normalization', 'activation', 'layers'];
const LAYER_KEYS = ['name', 'kind', 'shape', 'activation', 'branch', 'bias', 'output'];
const MAX_DIM = 1 << 30;
const MAX_NAME = 200;

function fail(
  code: 'INVALID_ARGUMENT' | 'UNSUPPORTED' | 'TOO_LARGE' | 'SHAPE_MISMATCH',
  argument: string,
  message: string,
): never {
  throw new AdvisorError(code, argument, message);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key))
      fail('INVALID_ARGUMENT', `${where}.${key}`, `unknown field; allowed: ${allowed.join(', ')}`);
  }
}

function checkName(v: unknown, argument: string): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_NAME) {
    fail('INVALID_ARGUMENT', argument, `expected a string of 1-${MAX_NAME} characters`);
  }
  return v;
}

const RANKS: Record<LayerKind, readonly number[]> = {
  dense: [2],
  linear: [2],
  conv1d: [3],
  conv2d: [4],
  conv3d: [5],
  embedding: [2],
  rnn: [2],
  lstm: [2],
  gru: [2],
  attention: [1],
  layer_norm: [1],
  batch_norm: [1],
};

interface CheckedLayer {
  readonly index: number;
  readonly name: string;
  readonly kind: LayerKind;
  readonly shape: number[];
  readonly activation: ActivationInput | undefined;
  readonly branch: string | undefined;
  readonly bias: boolean;
  readonly output: boolean;
  /** The layer named 'softmax' as its activation (allowed on the output layer only; treated as linear logits). */
  readonly softmax: boolean;
}

function checkLayer(raw: unknown, index: number): CheckedLayer {
  const where = `layers[${index}]`;
  if (!isPlainObject(raw))
    fail(
      'INVALID_ARGUMENT',
      where,
      'expected an object { kind, shape, activation?, branch?, bias?, output?, name? }',
    );
  checkKeys(raw, LAYER_KEYS, where);
  const kindRaw = raw.kind;
  const kind = LAYER_KINDS.find(
    (k) => k === (typeof kindRaw === 'string' ? kindRaw.toLowerCase() : undefined),
  );
  if (kind === undefined) {
    fail(
      typeof kindRaw === 'string' ? 'UNSUPPORTED' : 'INVALID_ARGUMENT',
      `${where}.kind`,
      `expected one of ${LAYER_KINDS.join(', ')}`,
    );
  }
  const shapeRaw = raw.shape;
  if (!Array.isArray(shapeRaw))
    fail('INVALID_ARGUMENT', `${where}.shape`, 'expected an array of positive integers');
  if (!RANKS[kind].includes(shapeRaw.length)) {
    fail(
      'SHAPE_MISMATCH',
      `${where}.shape`,
      `a ${kind} layer needs rank ${RANKS[kind].join(' or ')}, got rank ${shapeRaw.length}`,
    );
  }
  const shape = shapeRaw.map((d, j) => {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
      fail(
        'INVALID_ARGUMENT',
        `${where}.shape[${j}]`,
        `expected a positive integer, got ${typeof d === 'number' ? String(d) : (JSON.stringify(d) ?? String(d))}`,
      );
    }
    if (d > MAX_DIM) fail('TOO_LARGE', `${where}.shape[${j}]`, `at most ${MAX_DIM}`);
    return d;
  });
  const name = raw.name === undefined ? `${kind}${index}` : checkName(raw.name, `${where}.name`);
  let activation: ActivationInput | undefined;
  const softmax = typeof raw.activation === 'string' && raw.activation.trim().toLowerCase() === 'softmax';
  if (softmax) activation = 'linear';
  else if (raw.activation !== undefined) {
    if (typeof raw.activation !== 'string' && !isPlainObject(raw.activation)) {
      fail(
        'INVALID_ARGUMENT',
        `${where}.activation`,
        'expected an activation name or { name, slope?, alpha? }',
      );
    }
    resolveActivation(raw.activation as ActivationInput, `${where}.activation`);
    activation = raw.activation as ActivationInput;
  }
  const branch = raw.branch === undefined ? undefined : checkName(raw.branch, `${where}.branch`);
  for (const flag of ['bias', 'output'] as const) {
    if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean') {
      fail(
        'INVALID_ARGUMENT',
        `${where}.${flag}`,
        `expected true or false, got ${JSON.stringify(raw[flag])}`,
      );
    }
  }
  return {
    index,
    name,
    kind,
    shape,
    activation,
    branch,
    bias: raw.bias !== false,
    output: raw.output === true,
    softmax,
  };
}

const HAS_WEIGHT_MATRIX = new Set<LayerKind>(['dense', 'linear', 'conv1d', 'conv2d', 'conv3d']);
const NORM = new Set<LayerKind>(['layer_norm', 'batch_norm']);

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
  if (!isPlainObject(model))
    fail(
      'INVALID_ARGUMENT',
      'model',
      'expected an object { layers, activation?, architecture?, normalization?, name? }',
    );
  checkKeys(model as unknown as Record<string, unknown>, MODEL_KEYS, 'model');
  const name = model.name === undefined ? undefined : checkName(model.name, 'model.name');
  const architecture =
    model.architecture === undefined
      ? undefined
      : (ARCHITECTURES.find((a) => a === model.architecture) ??
        fail('UNSUPPORTED', 'model.architecture', `expected one of ${ARCHITECTURES.join(', ')}`));
  let normalization =
    model.normalization === undefined
      ? undefined
      : (NORMALIZATIONS.find((n) => n === model.normalization) ??
        fail('UNSUPPORTED', 'model.normalization', `expected one of ${NORMALIZATIONS.join(', ')}`));
  if (model.activation !== undefined) {
    if (typeof model.activation !== 'string' && !isPlainObject(model.activation)) {
      fail('INVALID_ARGUMENT', 'model.activation', 'expected an activation name or { name, slope?, alpha? }');
    }
    resolveActivation(model.activation, 'model.activation');
  }
  if (!Array.isArray(model.layers)) fail('INVALID_ARGUMENT', 'model.layers', 'expected an array of layers');
  if (model.layers.length === 0) fail('INVALID_ARGUMENT', 'model.layers', 'expected at least one layer');
  if (model.layers.length > MAX_DEPTH)
    fail('TOO_LARGE', 'model.layers', `at most ${MAX_DEPTH} layers, got ${model.layers.length}`);
  const layers = model.layers.map((l, i) => checkLayer(l, i));
  const seen = new Set<string>();
  for (const l of layers) {
    if (seen.has(l.name))
      fail('INVALID_ARGUMENT', `layers[${l.index}].name`, `duplicate layer name '${l.name}'`);
    seen.add(l.name);
  }
  const assumptions: string[] = [];
  const warnings: string[] = [];
  const hasNorm = layers.some((l) => NORM.has(l.kind));
  if (normalization === undefined) {
    normalization = hasNorm ? (layers.some((l) => l.kind === 'batch_norm') ? 'batch' : 'layer') : 'none';
    assumptions.push(
      `normalization: ${normalization} (${hasNorm ? 'inferred from the norm layers' : 'no norm layers listed'})`,
    );
  }
  const weightLayers = layers.filter((l) => l.kind !== 'layer_norm' && l.kind !== 'batch_norm');
  if (weightLayers.length === 0)
    fail('INVALID_ARGUMENT', 'model.layers', 'expected at least one layer with weights');
  const flagged = layers.filter((l) => l.output);
  if (flagged.length > 1)
    fail('INVALID_ARGUMENT', `layers[${flagged[1]!.index}].output`, 'only one layer can be the output layer');
  const outputLayer = flagged[0] ?? weightLayers[weightLayers.length - 1]!;
  if (flagged.length === 0)
    assumptions.push(`output layer: '${outputLayer.name}' (the last layer with weights)`);
  for (const l of layers) {
    if (!l.softmax) continue;
    if (l !== outputLayer) {
      fail(
        'INVALID_ARGUMENT',
        `layers[${l.index}].activation`,
        'softmax is accepted only on the output layer (it is not an elementwise activation)',
      );
    }
    assumptions.push(`layer '${l.name}': softmax output, planned as linear logits`);
  }

  // Residual branches: consecutive runs with the same id.
  const branchRuns = new Map<string, CheckedLayer[]>();
  layers.forEach((l, i) => {
    if (l.branch === undefined) return;
    const prev = layers[i - 1];
    if (branchRuns.has(l.branch) && prev?.branch !== l.branch) {
      fail(
        'INVALID_ARGUMENT',
        `layers[${i}].branch`,
        `branch '${l.branch}' is not contiguous; a branch is one run of consecutive layers`,
      );
    }
    const run = branchRuns.get(l.branch) ?? [];
    run.push(l);
    branchRuns.set(l.branch, run);
  });
  if (outputLayer.branch !== undefined) {
    fail(
      'INVALID_ARGUMENT',
      `layers[${outputLayer.index}].branch`,
      'the output layer cannot be inside a residual branch',
    );
  }
  const numBranches = branchRuns.size;
  const residual = numBranches > 0;
  const isTransformer = architecture === 'transformer' || layers.some((l) => l.kind === 'attention');
  const fixupOn = residual && normalization === 'none' && !isTransformer;

  const recCache = new Map<string, ReturnType<typeof recommend>>();
  const baseFor = (act: ActivationInput) => {
    const key = JSON.stringify(act);
    let r = recCache.get(key);
    if (!r) {
      r = recommend({
        activation: act,
        ...(architecture && !['lstm', 'gru', 'rnn', 'transformer'].includes(architecture)
          ? { architecture }
          : {}),
      });
      recCache.set(key, r);
    }
    return r;
  };
  const activationOf = (l: CheckedLayer): ActivationInput => {
    if (l.activation !== undefined) return l.activation;
    if (l === outputLayer) {
      assumptions.push(`layer '${l.name}': activation linear (output layer without an activation)`);
      return 'linear';
    }
    if (model.activation !== undefined) return model.activation;
    return fail(
      'INVALID_ARGUMENT',
      `layers[${l.index}].activation`,
      'required: give the layer an activation or set model.activation',
    );
  };

  const out: ParameterPlan[] = [];
  const push = (
    l: CheckedLayer,
    parameter: string,
    shape: number[],
    scheme: SchemeConfig,
    rule: string,
    reason: string,
  ) => {
    out.push({ layer: l.name, parameter, shape, scheme, rule, reason });
  };
  const zeroBias = (l: CheckedLayer, n: number, param = 'bias') => {
    if (l.bias)
      push(
        l,
        param,
        [n],
        { name: 'zeros' },
        'bias-zero',
        'Biases start at 0; the weights already break the symmetry.',
      );
  };
  const signal: SignalLayer[] = [];
  let signalPossible = !isTransformer;
  let pendingNorm = false;

  for (const l of layers) {
    const branchRun = l.branch !== undefined ? branchRuns.get(l.branch)! : undefined;
    const branchWeights =
      branchRun?.filter((x) => HAS_WEIGHT_MATRIX.has(x.kind) || x.kind === 'attention') ?? [];
    const isBranchLast = branchWeights.length > 0 && branchWeights[branchWeights.length - 1] === l;
    switch (l.kind) {
      case 'layer_norm':
      case 'batch_norm': {
        const [n] = l.shape as [number];
        const norms = branchRun?.filter((x) => NORM.has(x.kind)) ?? [];
        const lastNormInBranch = norms.length > 0 && norms[norms.length - 1] === l && !isTransformer;
        push(
          l,
          'weight',
          [n],
          lastNormInBranch ? { name: 'zeros' } : { name: 'ones' },
          lastNormInBranch ? 'residual-norm-zero-gamma' : 'plan-norm-layer',
          lastNormInBranch
            ? 'Last normalization gain of a residual branch starts at 0, so the block is the identity at step 0.'
            : 'Normalization gain starts at 1: a plain standardization.',
        );
        if (l.bias)
          push(l, 'bias', [n], { name: 'zeros' }, 'plan-norm-layer', 'Normalization shift starts at 0.');
        pendingNorm = true;
        break;
      }
      case 'embedding': {
        push(
          l,
          'weight',
          l.shape,
          isTransformer ? { name: 'normal', mean: 0, std: 0.02 } : { name: 'normal', mean: 0, std: 1 },
          isTransformer ? 'transformer-small-normal' : 'plan-embedding',
          isTransformer
            ? 'Token embeddings in a transformer: N(0, 0.02^2), like the other weights.'
            : 'Embedding rows N(0, 1) (the PyTorch default): each coordinate has unit variance, what a variance-preserving next layer expects.',
        );
        signalPossible = false;
        break;
      }
      case 'rnn':
      case 'lstm':
      case 'gru': {
        const [h, i] = l.shape as [number, number];
        const gates = l.kind === 'lstm' ? 4 : l.kind === 'gru' ? 3 : 1;
        const act = l.activation ?? 'tanh';
        const rec = recommend({ architecture: l.kind, activation: l.kind === 'rnn' ? act : 'tanh' });
        const inputRole = rec.roles.find((r) => r.role === 'input_weight');
        push(
          l,
          'weight_ih',
          [gates * h, i],
          inputRole?.scheme ?? { name: 'xavier_uniform', gain: 1 },
          rec.ruleIds[0]!,
          inputRole?.reason ?? '',
        );
        push(l, 'weight_hh', [gates * h, h], rec.scheme, rec.ruleIds[0]!, rec.reasons[0] ?? '');
        if (l.bias) {
          if (l.kind === 'lstm') {
            push(
              l,
              'bias_ih',
              [gates * h],
              { name: 'lstm_forget_bias', gate_order: ['i', 'f', 'g', 'o'], value: 1 },
              'lstm-gates',
              'Forget-gate slice 1, other gates 0 (only in bias_ih; PyTorch adds bias_hh to it).',
            );
            push(
              l,
              'bias_hh',
              [gates * h],
              { name: 'zeros' },
              'lstm-gates',
              'Zero, so the forget bias is counted once.',
            );
          } else {
            zeroBias(l, gates * h, 'bias_ih');
            zeroBias(l, gates * h, 'bias_hh');
          }
        }
        signalPossible = false;
        break;
      }
      case 'attention': {
        const [d] = l.shape as [number];
        const projections = ['q_proj', 'k_proj', 'v_proj', 'out_proj'];
        for (const p of projections) {
          const residualOut = p === 'out_proj' && isBranchLast;
          const scheme: SchemeConfig = residualOut
            ? { name: 'normal', mean: 0, std: 0.02, multiplier: 1 / Math.sqrt(numBranches) }
            : { name: 'normal', mean: 0, std: 0.02 };
          push(
            l,
            `${p}.weight`,
            [d, d],
            scheme,
            'transformer-small-normal',
            residualOut
              ? `Writes into the residual stream: std 0.02 x 1/sqrt(${numBranches}) for ${numBranches} residual branches (GPT-2 rule, 2 branches per block).`
              : 'Attention projection: N(0, 0.02^2).',
          );
          zeroBias(l, d, `${p}.bias`);
        }
        signalPossible = false;
        break;
      }
      default: {
        // dense, linear, conv1d/2d/3d
        const act = activationOf(l);
        const [o] = l.shape as [number];
        let scheme: SchemeConfig;
        let rule: string;
        let reason: string;
        if (l === outputLayer) {
          if (fixupOn) {
            scheme = { name: 'zeros' };
            rule = 'residual-no-norm-fixup';
            reason =
              'Fixup zeroes the classifier (weight and bias) when residual branches run without normalization.';
          } else if (isTransformer) {
            scheme = { name: 'normal', mean: 0, std: 0.02 };
            rule = 'transformer-small-normal';
            reason = 'Transformer output head: N(0, 0.02^2) (often tied to the embedding).';
          } else {
            scheme = { name: 'xavier_uniform', gain: 1 };
            rule = 'plan-output-layer';
            reason =
              'Output layer: no nonlinearity after it needs compensating, so Glorot scaling keeps the logits O(1) and balances the gradient sent back into the last hidden layer.';
          }
        } else if (isBranchLast && isTransformer) {
          scheme = { name: 'normal', mean: 0, std: 0.02, multiplier: 1 / Math.sqrt(numBranches) };
          rule = 'transformer-small-normal';
          reason = `Last layer of a residual branch in a transformer (MLP down-projection): std 0.02 x 1/sqrt(${numBranches}).`;
        } else if (isTransformer) {
          scheme = { name: 'normal', mean: 0, std: 0.02 };
          rule = 'transformer-small-normal';
          reason = 'Transformer weight: N(0, 0.02^2).';
        } else if (isBranchLast && fixupOn) {
          scheme = { name: 'zeros' };
          rule = 'residual-no-norm-fixup';
          reason =
            'Last layer of a residual branch without normalization: zero (Fixup), so the block starts as the identity.';
        } else {
          const rec = baseFor(act);
          scheme = rec.scheme;
          rule = rec.ruleIds.find((id) => !id.startsWith('preset-')) ?? 'default-assume-relu';
          reason = rec.reasons[0] ?? '';
          if (branchRun !== undefined && fixupOn) {
            const m = branchWeights.length;
            const s = fixupScale(numBranches, Math.max(2, m));
            scheme = { ...scheme, multiplier: s };
            rule = 'residual-no-norm-fixup';
            reason = `Inside a residual branch without normalization: the activation rule times L^(-1/(2m-2)) = ${numBranches}^(-1/${2 * Math.max(2, m) - 2}) = ${s} (Fixup).`;
          }
        }
        push(l, 'weight', l.shape, scheme, rule, reason);
        if (l.bias) {
          if (l === outputLayer && fixupOn)
            push(l, 'bias', [o], { name: 'zeros' }, 'residual-no-norm-fixup', 'Fixup classifier bias: 0.');
          else zeroBias(l, o);
        }
        if (signalPossible) {
          try {
            // A deliberately zeroed classifier (Fixup) would silence the whole analysis; judge the
            // trunk as if the head were Glorot-scaled instead.
            const analysed =
              l === outputLayer && scheme.name === 'zeros' ? { name: 'xavier_uniform', gain: 1 } : scheme;
            if (analysed !== scheme)
              assumptions.push(
                `signal analysis: the zero-initialized head '${l.name}' is treated as xavier_uniform`,
              );
            const stats = weightStatistics(analysed, l.shape);
            signal.push({
              name: l.name,
              activation: act,
              sigmaW2: stats.sigmaW2,
              backwardSigmaW2: stats.backwardSigmaW2,
              ...(l.branch !== undefined ? { branch: l.branch } : {}),
              ...(pendingNorm ? { normalizedInput: true } : {}),
            });
          } catch {
            signalPossible = false;
          }
        }
        pendingNorm = false;
      }
    }
  }
  // Consecutive dense layers should chain: in of the next = out of the previous.
  for (let i = 1; i < weightLayers.length; i++) {
    const a = weightLayers[i - 1]!;
    const b = weightLayers[i]!;
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
  if (fixupOn)
    warnings.push(
      `Residual branches without normalization: Fixup plan with L = ${numBranches} branches; add a scalar multiplier (init 1) and scalar biases (init 0) per branch for the full recipe.`,
    );
  const result: ModelPlan = {
    ...(name !== undefined ? { name } : {}),
    parameters: out,
    assumptions,
    warnings,
    ...(signalPossible && signal.length > 0 ? { signal: propagateLayers(signal) } : {}),
  };
  return result;
}
