import {
  ADDING_BASELINE_MSE,
  addingProblem,
  clipGradNorm,
  copyBaselineCrossEntropy,
  copyTask,
  createLoss,
  createOptimizer,
  type Dataset,
  type Loss,
} from '@init/nn';
import { createRng } from '@init/rng';
import type { SequenceModel } from './sequence-models.ts';

/** The two memory tasks. */
export type SequenceTask = 'adding' | 'copy';

/** Steps, features and outputs of a task's sequences at delay T (copy: 10 symbols of 8 categories). */
export function taskShape(task: SequenceTask, length: number) {
  return task === 'adding'
    ? { steps: length, features: 2, outputs: 1, everyStep: false }
    : { steps: length + 20, features: 10, outputs: 9, everyStep: true };
}

/** The score to beat: MSE 1/6 (adding) or 10 ln 8 / (T + 20) nats per step (copy). */
export function taskBaseline(task: SequenceTask, length: number): number {
  return task === 'adding' ? ADDING_BASELINE_MSE : copyBaselineCrossEntropy(length);
}

/** `n` sequences of a task, drawn from `createRng(seed).fork(stream)`. */
export function taskData(
  task: SequenceTask,
  length: number,
  n: number,
  seed: number,
  stream: string,
): Dataset<Float32Array | Int32Array> {
  const rng = createRng(seed).fork(stream);
  return task === 'adding' ? addingProblem({ n, length, rng }) : copyTask({ n, length, rng });
}

/** Options of {@link trainSequence}. */
export interface SequenceTrainOptions {
  readonly task: SequenceTask;
  readonly lr: number;
  readonly batchSize: number;
  /** Training steps at most; every step sees `batchSize` sequences never seen before. */
  readonly maxSteps: number;
  /** Stop early once the mean of the last `window` step losses is at most `stopBelow`. */
  readonly stopBelow: number;
  readonly window: number;
  readonly clipNorm: number;
}

/** What a training run gives. */
export interface SequenceTrainResult {
  readonly status: 'completed' | 'stopped early' | 'non_finite';
  readonly steps: number;
  /** Mean training loss of each block of `window` steps. */
  readonly curve: number[];
}

function lossFor(task: SequenceTask): Loss {
  return createLoss(task === 'adding' ? 'mse' : 'cross_entropy');
}

/** One forward pass of rnn then head; the head sees `rows` rows (batch, or batch × steps). */
function forward(m: SequenceModel, x: Float32Array, batch: number, rows: number, training: boolean) {
  return m.head.forward(m.rnn.forward(x, batch, training), rows, training);
}

function rowsPer(task: SequenceTask, data: Dataset<Float32Array | Int32Array>): number {
  return task === 'adding' ? 1 : (data.shape[1] as number);
}

/**
 * Trains with Adam on consecutive batches of `data` (fresh sequences every step, so the training loss
 * estimates the test loss) and gradient-norm clipping. A non-finite value ends the run with `non_finite`.
 */
export function trainSequence(
  m: SequenceModel,
  data: Dataset<Float32Array | Int32Array>,
  o: SequenceTrainOptions,
): SequenceTrainResult {
  const loss = lossFor(o.task);
  const optimizer = createOptimizer(m.parameters, { kind: 'adam', lr: o.lr });
  const n = data.shape[0] as number;
  const per = data.x.length / n;
  const rows = rowsPer(o.task, data);
  const curve: number[] = [];
  const recent: number[] = [];
  let block = 0;
  let step = 0;
  while (step < o.maxSteps && (step + 1) * o.batchSize <= n) {
    const b = o.batchSize;
    const x = data.x.subarray(step * b * per, (step + 1) * b * per);
    const y = data.y.subarray(step * b * rows, (step + 1) * b * rows);
    let value: number;
    try {
      value = loss.forward(forward(m, x, b, b * rows, true), y, b * rows);
      if (!Number.isFinite(value)) return { status: 'non_finite', steps: step, curve };
      m.rnn.zeroGrad();
      m.head.zeroGrad();
      m.rnn.backward(m.head.backward(loss.backward(), b * rows), b);
    } catch (e) {
      if ((e as { code?: string }).code === 'NOT_FINITE') return { status: 'non_finite', steps: step, curve };
      throw e;
    }
    clipGradNorm(m.parameters, o.clipNorm);
    optimizer.step();
    step++;
    block += value;
    recent.push(value);
    if (recent.length > o.window) recent.shift();
    if (step % o.window === 0) {
      curve.push(block / o.window);
      block = 0;
    }
    if (recent.length === o.window && recent.reduce((a, v) => a + v, 0) / o.window <= o.stopBelow) {
      return { status: 'stopped early', steps: step, curve };
    }
  }
  return { status: 'completed', steps: step, curve };
}

/** Mean test loss over `data` (batches of 100); NaN when a value is not finite. */
export function testLoss(
  m: SequenceModel,
  task: SequenceTask,
  data: Dataset<Float32Array | Int32Array>,
): number {
  const loss = lossFor(task);
  const n = data.shape[0] as number;
  const per = data.x.length / n;
  const rows = rowsPer(task, data);
  let sum = 0;
  for (let i = 0; i < n; i += 100) {
    const b = Math.min(100, n - i);
    try {
      const out = forward(m, data.x.subarray(i * per, (i + b) * per), b, b * rows, false);
      sum += loss.forward(out, data.y.subarray(i * rows, (i + b) * rows), b * rows) * b;
    } catch (e) {
      if ((e as { code?: string }).code === 'NOT_FINITE') return Number.NaN;
      throw e;
    }
  }
  return sum / n;
}

/**
 * The norm of the loss gradient reaching each input step, `‖∂L/∂x_t‖` over a batch of adding sequences, divided
 * by the norm at the last step: how much of the error signal survives t steps back through the recurrence
 * (∂L/∂x_t = W_ihᵀ ∂L/∂a_t, a_t the pre-activation at step t). Entry k is k steps before the end.
 */
export function inputGradientProfile(m: SequenceModel, data: Dataset<Float32Array | Int32Array>): number[] {
  const n = data.shape[0] as number;
  const steps = data.shape[1] as number;
  const features = data.shape[2] as number;
  const loss = lossFor('adding');
  m.rnn.zeroGrad();
  m.head.zeroGrad();
  let dx: Float32Array;
  try {
    loss.forward(forward(m, data.x, n, n, true), data.y, n);
    dx = m.rnn.backward(m.head.backward(loss.backward(), n), n);
  } catch (e) {
    if ((e as { code?: string }).code === 'NOT_FINITE') return new Array<number>(steps).fill(Number.NaN);
    throw e;
  }
  const norms = new Array<number>(steps).fill(0);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < steps; t++) {
      let s = 0;
      for (let f = 0; f < features; f++) s += (dx[(i * steps + t) * features + f] as number) ** 2;
      norms[t] = (norms[t] as number) + s;
    }
  }
  const last = Math.sqrt(norms[steps - 1] as number);
  m.rnn.zeroGrad();
  m.head.zeroGrad();
  return norms.map((_, k) => Math.sqrt(norms[steps - 1 - k] as number) / last);
}
