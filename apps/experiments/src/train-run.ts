import { type Dataset, diagnose, evaluate, fit, type Model } from '@init/nn';

/** Best epoch-mean training loss at or below which a run counts as converged (chance level is ln 10 ≈ 2.30). */
export const CONVERGED_LOSS = 1.0;

/** Budget of {@link trainRun}. */
export interface TrainBudget {
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly momentum: number;
}

/** What one initialized model did: statistics at initialization, then training and a test score. */
export interface TrainRun {
  readonly seed: number;
  /** Output std of each weight layer (Dense or Conv2D, pre-activation) at initialization, first to last. */
  readonly activationStd: number[];
  /** Weight-gradient norm of each weight layer at initialization. */
  readonly gradNorm: number[];
  readonly epochLoss: number[];
  readonly status: string;
  readonly bestLoss: number;
  readonly converged: boolean;
  /** Test accuracy after training (NaN when training stopped on a non-finite value). */
  readonly accuracy: number;
}

const WEIGHT_KINDS = new Set(['dense', 'conv2d']);

/**
 * Diagnoses `model` at initialization on 128 training samples (one forward and backward pass), trains it with
 * SGD and momentum (mini-batches shuffled from `seed`, no clipping), and tests it. Converged: the run completed
 * and its best epoch-mean training loss is at most {@link CONVERGED_LOSS}.
 */
export function trainRun(
  model: Model,
  train: Dataset,
  test: Dataset,
  seed: number,
  budget: TrainBudget,
): TrainRun {
  const report = diagnose(model, train, { batch: 128, probes: 1 });
  const weightLayers = report.layers.filter((l) => WEIGHT_KINDS.has(l.kind));
  const r = fit(model, train, {
    optimizer: { kind: 'sgd', lr: budget.lr, momentum: budget.momentum },
    epochs: budget.epochs,
    batchSize: budget.batchSize,
    seed,
  });
  const epochLoss = r.epochs.map((e) => e.loss);
  const finite = epochLoss.filter(Number.isFinite);
  const bestLoss = finite.length > 0 ? Math.min(...finite) : Number.NaN;
  return {
    seed,
    activationStd: weightLayers.map((l) => l.std),
    gradNorm: weightLayers.map((l) => l.gradNorm),
    epochLoss,
    status: r.status,
    bestLoss,
    converged: r.status === 'completed' && bestLoss <= CONVERGED_LOSS,
    accuracy: r.status === 'completed' ? (evaluate(model, test).accuracy ?? Number.NaN) : Number.NaN,
  };
}
