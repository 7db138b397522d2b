import type { ActivationInput } from './activations';
import type { Normalization } from './context';
import { type CheckedLayer, fail, type ParsedModel } from './plan-model';
import { recommend } from './recommend';
import type { Recommendation } from './recommendation';

/** Layer kinds with a plain weight matrix or kernel (dense and convolutions). */
export const HAS_WEIGHT_MATRIX: ReadonlySet<string> = new Set([
  'dense',
  'linear',
  'conv1d',
  'conv2d',
  'conv3d',
]);
/** Normalization layer kinds. */
export const NORM: ReadonlySet<string> = new Set(['layer_norm', 'batch_norm']);

/** What every layer planner needs to know about the whole model. */
export interface PlanContext {
  readonly model: ParsedModel;
  readonly layers: readonly CheckedLayer[];
  readonly weightLayers: readonly CheckedLayer[];
  readonly outputLayer: CheckedLayer;
  readonly normalization: Normalization;
  /** Residual branches: each id maps to its run of consecutive layers. */
  readonly branchRuns: ReadonlyMap<string, readonly CheckedLayer[]>;
  readonly numBranches: number;
  readonly isTransformer: boolean;
  /** Residual branches without normalization outside transformers: the Fixup recipe applies. */
  readonly fixupOn: boolean;
  /** Things the plan had to assume, in the order they were decided. */
  readonly assumptions: string[];
  /** The recommendation for a hidden activation (cached per activation). */
  readonly baseFor: (act: ActivationInput) => Recommendation;
}

function inferNormalization(model: ParsedModel, assumptions: string[]): Normalization {
  if (model.normalization !== undefined) return model.normalization;
  const hasNorm = model.layers.some((l) => NORM.has(l.kind));
  const normalization = hasNorm
    ? model.layers.some((l) => l.kind === 'batch_norm')
      ? 'batch'
      : 'layer'
    : 'none';
  assumptions.push(
    `normalization: ${normalization} (${hasNorm ? 'inferred from the norm layers' : 'no norm layers listed'})`,
  );
  return normalization;
}

function findOutputLayer(
  layers: readonly CheckedLayer[],
  weightLayers: readonly CheckedLayer[],
  assumptions: string[],
) {
  const flagged = layers.filter((l) => l.output);
  if (flagged.length > 1)
    fail('INVALID_ARGUMENT', `layers[${flagged[1]!.index}].output`, 'only one layer can be the output layer');
  const outputLayer = flagged[0] ?? weightLayers[weightLayers.length - 1]!;
  if (flagged.length === 0)
    assumptions.push(`output layer: '${outputLayer.name}' (the last layer with weights)`);
  return outputLayer;
}

function checkSoftmax(
  layers: readonly CheckedLayer[],
  outputLayer: CheckedLayer,
  assumptions: string[],
): void {
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
}

/** Residual branches: consecutive runs with the same id (a branch id may not come back later). */
function collectBranches(
  layers: readonly CheckedLayer[],
  outputLayer: CheckedLayer,
): Map<string, CheckedLayer[]> {
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
  return branchRuns;
}

/** Recommendations per hidden activation, asked once each; architectures that plan their own layers are left out. */
function recommendationCache(model: ParsedModel): (act: ActivationInput) => Recommendation {
  const byName = new Map<string, Recommendation>();
  const byObject = new Map<object, Recommendation>();
  const architecture = model.architecture;
  const own = architecture !== undefined && !['lstm', 'gru', 'rnn', 'transformer'].includes(architecture);
  return (act) => {
    const key = typeof act === 'string' ? act : JSON.stringify(act);
    let r = typeof act === 'object' && 'fn' in act ? byObject.get(act) : byName.get(key);
    if (!r) {
      r = recommend({ activation: act, ...(own ? { architecture } : {}) });
      if (typeof act === 'object' && 'fn' in act) byObject.set(act, r);
      else byName.set(key, r);
    }
    return r;
  };
}

/**
 * Everything about the whole model that the per-layer planners use: the output layer, the
 * normalization (inferred from the norm layers when not given), residual branches, whether Fixup
 * or the transformer rules apply. Assumptions are recorded in the order they are made.
 */
export function resolvePlanContext(model: ParsedModel): PlanContext {
  const layers = model.layers;
  const assumptions: string[] = [];
  const normalization = inferNormalization(model, assumptions);
  const weightLayers = layers.filter((l) => !NORM.has(l.kind));
  if (weightLayers.length === 0)
    fail('INVALID_ARGUMENT', 'model.layers', 'expected at least one layer with weights');
  const outputLayer = findOutputLayer(layers, weightLayers, assumptions);
  checkSoftmax(layers, outputLayer, assumptions);
  const branchRuns = collectBranches(layers, outputLayer);
  const numBranches = branchRuns.size;
  const isTransformer = model.architecture === 'transformer' || layers.some((l) => l.kind === 'attention');
  return {
    model,
    layers,
    weightLayers,
    outputLayer,
    normalization,
    branchRuns,
    numBranches,
    isTransformer,
    fixupOn: numBranches > 0 && normalization === 'none' && !isTransformer,
    assumptions,
    baseFor: recommendationCache(model),
  };
}
