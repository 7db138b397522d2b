import { LinalgError } from '@init/linalg';
import { createRng } from '@init/rng';
import { checkDataset } from './data-checks';
import type { Dataset } from './data-set';
import { Dropout } from './dropout';
import { describeValue, NnError, NonFiniteError } from './errors';
import { allFiniteValues } from './finite-scan';
import type { Layer, Parameter } from './layer';
import { createLoss, LOSSES, type Loss, type LossName } from './loss';
import type { Model } from './model';
import { Monitor } from './monitor';
import {
  clipGradNorm,
  clipGradValue,
  createOptimizer,
  type Optimizer,
  type OptimizerConfig,
} from './optimizer';
import { booleanOption, checkOptions, isRecord, numberOption, rawOption } from './options';
import type { Schedule } from './schedule';

/** Per-step information given to `onStep`. */
export interface StepInfo {
  /** 0-based global step. */
  readonly step: number;
  readonly epoch: number;
  readonly loss: number;
  /** Learning rate used for this step. */
  readonly lr: number;
  /** Global gradient norm before clipping (computed when `clipNorm` is set, else NaN). */
  readonly gradNorm: number;
}

/** One epoch's summary. */
export interface EpochLog {
  readonly epoch: number;
  /** Mean training loss over the epoch's steps. */
  readonly loss: number;
  /** Training accuracy over the epoch (classification losses only). */
  readonly accuracy?: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  /** Learning rate of the epoch's last step. */
  readonly lr: number;
  /** Wall time of the epoch in milliseconds (not part of the reproducible output). */
  readonly ms: number;
}

/** Where training met a NaN or an infinity. */
export interface NonFiniteReport {
  /** 0-based global step at which it was detected. */
  readonly step: number;
  readonly epoch: number;
  /** `'parameters'` (weights already non-finite), `'forward'` (an activation), `'loss'`, or `'backward'` (a gradient). */
  readonly phase: 'parameters' | 'forward' | 'loss' | 'backward';
  /** Path of the first layer (in the order of the phase) whose values went non-finite, or `'loss'`. */
  readonly layer: string;
  /** One-line description. */
  readonly message: string;
}

/** What {@link fit} returns: never throws for a diverging run, it reports it here. */
export interface FitResult {
  /** `'completed'`, `'early_stopped'`, `'stopped'` (a callback returned false) or `'non_finite'`. */
  readonly status: 'completed' | 'early_stopped' | 'stopped' | 'non_finite';
  readonly epochs: readonly EpochLog[];
  /** The loss of every step taken, in order. */
  readonly stepLosses: Float64Array;
  readonly steps: number;
  /** Set when `status` is `'non_finite'`. */
  readonly nonFinite?: NonFiniteReport;
  /** Epoch with the best monitored loss (early stopping restores its weights by default). */
  readonly bestEpoch?: number;
}

/** Options of {@link fit}. */
export interface FitOptions {
  /** Loss name or instance. Default `'cross_entropy'` when the data has `classes`, else `'mse'`. */
  loss?: LossName | Loss;
  /** Optimizer instance (over `model.parameters()`) or config. Default `{ kind: 'adam', lr: 0.001 }`. */
  optimizer?: Optimizer | OptimizerConfig;
  /** Passes over the data. Default 1. */
  epochs?: number;
  /** Samples per step. Default 32. */
  batchSize?: number;
  /** Shuffle the samples every epoch. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffling and Dropout masks. Default 0. */
  seed?: number;
  /** Held-out data, evaluated after every epoch. */
  validation?: Dataset;
  /** Stop when the monitored loss (validation if given, else training) stops improving. */
  earlyStopping?: { patience: number; minDelta?: number; restoreBest?: boolean };
  /** Learning rate per step: `schedule.at(step, baseLr)`. */
  schedule?: Schedule;
  /** Clip the global gradient norm to this value. */
  clipNorm?: number;
  /** Clamp every gradient value to ±clipValue. */
  clipValue?: number;
  /** Drop the last partial batch of an epoch. Default false. */
  dropLast?: boolean;
  /** Records per-layer statistics of the steps (see {@link Monitor}). */
  monitor?: Monitor;
  /** Called after every step; return `false` to stop. */
  onStep?: (info: StepInfo) => boolean | undefined | void;
  /** Called after every epoch; return `false` to stop. */
  onEpoch?: (log: EpochLog) => boolean | undefined | void;
}

const KEYS = [
  'loss',
  'optimizer',
  'epochs',
  'batchSize',
  'shuffle',
  'seed',
  'validation',
  'earlyStopping',
  'schedule',
  'clipNorm',
  'clipValue',
  'dropLast',
  'monitor',
  'onStep',
  'onEpoch',
];
const MAX_STEPS = 10_000_000;

type TargetBuffer = Int32Array | Float32Array;

/** Checks `data` against the model and loss; scans it once for non-finite values. */
function checkData(data: Dataset, model: Model, loss: Loss, argument: string): void {
  const n = data.shape[0] ?? 0;
  if (n < 1) throw new NnError('INVALID_ARGUMENT', argument, 'holds no samples');
  const per = data.x.length / n;
  if (per !== model.inputSize) {
    throw new NnError(
      'SHAPE_MISMATCH',
      `${argument}.shape`,
      `samples of shape [${data.shape.slice(1).join(', ')}] (${per} values) do not fit the model input [${model.inputShape.join(', ')}] (${model.inputSize} values)`,
    );
  }
  for (let i = 0; i < data.x.length; i++) {
    if (!Number.isFinite(data.x[i] as number)) {
      throw new NnError(
        'NOT_FINITE',
        `${argument}.x`,
        `value ${i} (sample ${Math.floor(i / per)}) is ${data.x[i]}`,
      );
    }
  }
  const perY = data.y.length / n;
  if (loss.kind === 'cross_entropy') {
    if (perY !== 1)
      throw new NnError(
        'SHAPE_MISMATCH',
        `${argument}.yShape`,
        `cross-entropy needs one class index per sample, got ${perY}`,
      );
    const classes = model.outputSize;
    for (let i = 0; i < n; i++) {
      const t = data.y[i] as number;
      if (!(Number.isInteger(t) && t >= 0 && t < classes)) {
        throw new NnError(
          'INVALID_ARGUMENT',
          `${argument}.y`,
          `sample ${i} has class ${t}; the model has ${classes} outputs`,
        );
      }
    }
  } else {
    if (perY !== model.outputSize) {
      throw new NnError(
        'SHAPE_MISMATCH',
        `${argument}.yShape`,
        `${loss.kind} needs ${model.outputSize} targets per sample, got ${perY}`,
      );
    }
    for (let i = 0; i < data.y.length; i++) {
      if (!Number.isFinite(data.y[i] as number))
        throw new NnError('NOT_FINITE', `${argument}.y`, `value ${i} is ${data.y[i]}`);
    }
  }
}

/** Copies samples `order[from, from + b)` into the batch buffers. */
function gather(
  data: Dataset,
  order: Uint32Array,
  from: number,
  b: number,
  xb: Float32Array,
  yb: TargetBuffer,
): void {
  const per = xb.length / b;
  const perY = yb.length / b;
  const x = data.x;
  const y = data.y;
  for (let i = 0; i < b; i++) {
    const s = order[from + i] as number;
    const xo = s * per;
    const o = i * per;
    for (let j = 0; j < per; j++) xb[o + j] = x[xo + j] as number;
    const yo = s * perY;
    const oy = i * perY;
    for (let j = 0; j < perY; j++) yb[oy + j] = y[yo + j] as number;
  }
}

/** Number of correct predictions in a batch (argmax for several outputs, sign for one). */
function correct(pred: Float32Array, target: TargetBuffer, b: number, kind: LossName): number {
  const k = pred.length / b;
  let c = 0;
  if (kind === 'cross_entropy') {
    for (let i = 0; i < b; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if ((pred[i * k + j] as number) > (pred[i * k + best] as number)) best = j;
      if (best === target[i]) c++;
    }
    return c;
  }
  for (let i = 0; i < pred.length; i++)
    if (((pred[i] as number) > 0 ? 1 : 0) === ((target[i] as number) >= 0.5 ? 1 : 0)) c++;
  return c / k;
}

function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) return i;
  return -1;
}

function firstNonFiniteParameter(params: readonly Parameter[]): Parameter | undefined {
  for (const p of params) if (!allFiniteValues(p.value)) return p;
  return undefined;
}

/** Copies parameter values into `store` (`save`) or back from it. */
function copyInto(params: readonly Parameter[], store: Float32Array[], save: boolean): void {
  for (let i = 0; i < params.length; i++) {
    const p = params[i] as Parameter;
    const s = store[i] as Float32Array;
    if (save) s.set(p.value);
    else p.value.set(s);
  }
}

function overflowReport(e: NonFiniteError, step: number, epoch: number): NonFiniteReport {
  return {
    step,
    epoch,
    phase: e.phase,
    layer: e.layer,
    message: `the ${e.phase} pass of layer ${e.layer} overflows float32 at step ${step}`,
  };
}

/**
 * The report of an overflow thrown from a forward (`dy` undefined) or backward pass: a
 * NonFiniteError names its layer; a GEMM overflow from a layer that does not wrap it is located
 * by re-running the pass with an observer (the layer after the last one that finished).
 */
function overflow(
  e: unknown,
  model: Model,
  xb: Float32Array,
  b: number,
  dy: Float32Array | undefined,
  step: number,
  epoch: number,
): NonFiniteReport | undefined {
  if (e instanceof NonFiniteError && e.layer !== '') return overflowReport(e, step, epoch);
  if (!(e instanceof NonFiniteError) && !(e instanceof LinalgError && e.code === 'NOT_FINITE'))
    return undefined;
  const phase = dy === undefined ? 'forward' : 'backward';
  const leaves = model.layers();
  let last: Layer | undefined;
  model.setObserver((layer, _v, _b, p) => {
    if (p === phase && layer.children().length === 0) last = layer;
  });
  try {
    model.forward(xb, b, true);
    if (dy !== undefined) model.backward(Float32Array.from(dy), b);
  } catch {
    // the same overflow again: `last` is the last layer that finished the pass
  } finally {
    model.setObserver(undefined);
  }
  const i = last === undefined ? -1 : leaves.indexOf(last);
  const culprit = phase === 'forward' ? leaves[i + 1] : i < 0 ? leaves.at(-1) : leaves[i - 1];
  const layer = culprit?.path ?? '(unknown)';
  return {
    step,
    epoch,
    phase,
    layer,
    message: `the ${phase} pass of layer ${layer} overflows float32 at step ${step}`,
  };
}

function layerOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '(root)' : name.slice(0, i);
}

/** Finds the first layer whose forward output is non-finite, by one observed forward pass. */
function locateForward(model: Model, xb: Float32Array, b: number): string | undefined {
  let found: string | undefined;
  model.setObserver((layer: Layer, values, _batch, phase) => {
    if (
      found === undefined &&
      phase === 'forward' &&
      layer.children().length === 0 &&
      firstNonFinite(values) >= 0
    ) {
      found = layer.path;
    }
  });
  try {
    model.forward(xb, b, true);
  } catch (e) {
    if (!(e instanceof NonFiniteError)) throw e;
    found ??= e.layer;
  } finally {
    model.setObserver(undefined);
  }
  return found;
}

/** Reusable per-batch-size input and target buffers. */
class BatchBuffers {
  private readonly xs = new Map<number, Float32Array>();
  private readonly ys = new Map<number, TargetBuffer>();
  constructor(
    private readonly inSize: number,
    private readonly ySize: number,
    private readonly intTargets: boolean,
  ) {}
  x(b: number): Float32Array {
    let v = this.xs.get(b);
    if (v === undefined) {
      v = new Float32Array(b * this.inSize);
      this.xs.set(b, v);
    }
    return v;
  }
  y(b: number): TargetBuffer {
    let v = this.ys.get(b);
    if (v === undefined) {
      v = this.intTargets ? new Int32Array(b * this.ySize) : new Float32Array(b * this.ySize);
      this.ys.set(b, v);
    }
    return v;
  }
}

/**
 * Evaluates `model` on `data` in evaluation mode: mean loss and, for classification losses,
 * accuracy.
 *
 * ```math
 * \bar L = \frac{1}{N} \sum_{batches} B \cdot L_{batch}, \qquad acc = \frac{\#\{\arg\max \hat y = y\}}{N}
 * ```
 *
 * @param model - The model.
 * @param data - Samples matching the model's input.
 * @param options - `loss` (default as in {@link fit}), `batchSize` (default 256).
 * @throws {NnError} for data that does not fit the model (as {@link fit}).
 * @example
 * ```ts
 * evaluate(model, test); // => { loss: 0.12, accuracy: 0.97 }
 * ```
 */
export function evaluate(
  model: Model,
  data: Dataset,
  options: { loss?: LossName | Loss; batchSize?: number } = {},
): { loss: number; accuracy?: number } {
  const o = checkOptions(options, ['loss', 'batchSize'], 'options');
  const d = checkDataset(data, 'data');
  const loss = resolveLoss(rawOption(o, 'loss'), d);
  const batchSize = numberOption(o, 'batchSize', { integer: true, min: 1, max: 1 << 16 }, 256);
  checkData(d, model, loss, 'data');
  return evaluateChecked(
    model,
    d,
    loss,
    batchSize,
    new BatchBuffers(model.inputSize, d.y.length / (d.shape[0] ?? 1), loss.kind === 'cross_entropy'),
  );
}

function evaluateChecked(
  model: Model,
  data: Dataset,
  loss: Loss,
  batchSize: number,
  buffers: BatchBuffers,
): { loss: number; accuracy?: number } {
  const n = data.shape[0] ?? 0;
  const order = identityOrder(n);
  let total = 0;
  let hits = 0;
  for (let from = 0; from < n; from += batchSize) {
    const b = Math.min(batchSize, n - from);
    const xb = buffers.x(b);
    const yb = buffers.y(b);
    gather(data, order, from, b, xb, yb);
    const pred = model.forward(xb, b, false);
    total += loss.forward(pred, yb, b) * b;
    if (loss.kind !== 'mse') hits += correct(pred, yb, b, loss.kind);
  }
  return loss.kind === 'mse' ? { loss: total / n } : { loss: total / n, accuracy: hits / n };
}

const orders = new Map<number, Uint32Array>();
function identityOrder(n: number): Uint32Array {
  let o = orders.get(n);
  if (o === undefined) {
    o = new Uint32Array(n);
    for (let i = 0; i < n; i++) o[i] = i;
    if (orders.size > 8) orders.clear();
    orders.set(n, o);
  }
  return o;
}

function resolveLoss(value: unknown, data: Dataset): Loss {
  if (value === undefined) return createLoss(data.classes === undefined ? 'mse' : 'cross_entropy');
  if (typeof value === 'string') {
    if (!(LOSSES as readonly string[]).includes(value)) {
      throw new NnError(
        'INVALID_ARGUMENT',
        'loss',
        `must be one of ${LOSSES.join(', ')} or a Loss, got ${describeValue(value)}`,
      );
    }
    return createLoss(value as LossName);
  }
  const candidate = value as Partial<Loss> | null;
  if (
    isRecord(value) &&
    typeof candidate?.forward === 'function' &&
    LOSSES.includes(candidate.kind as LossName)
  ) {
    return value as unknown as Loss;
  }
  throw new NnError(
    'INVALID_ARGUMENT',
    'loss',
    `must be one of ${LOSSES.join(', ')} or a Loss, got ${describeValue(value)}`,
  );
}

function resolveOptimizer(value: unknown, model: Model): Optimizer {
  if (value === undefined) return createOptimizer(model.parameters(), { kind: 'adam', lr: 0.001 });
  if (isRecord(value) && typeof (value as Partial<Optimizer>).step === 'function')
    return value as unknown as Optimizer;
  return createOptimizer(model.parameters(), value as OptimizerConfig);
}

/**
 * Trains `model` on `data` with mini-batches and returns what happened, including divergence.
 *
 * Each step: gather a batch (shuffled per epoch from `seed`), `forward` in training mode, loss,
 * `zeroGrad`, `backward`, optional clipping, learning rate from the schedule, optimizer step.
 *
 * ```math
 * \theta_{t+1} = \mathrm{opt}\big(\theta_t, \nabla_\theta \tfrac{1}{B} \textstyle\sum_{i \in batch_t} \ell(f_\theta(x_i), y_i)\big)
 * ```
 *
 * Non-finite values never throw: when weights, activations, the loss or the gradients become
 * NaN or infinite, training stops and the result has `status: 'non_finite'` and a `nonFinite`
 * report naming the step and the first layer affected. Data is checked up front (shape against the
 * model, finite values, labels in range) and rejected with a typed error.
 *
 * Reproducible: the same model seed, data and options give the same losses and weights bit for
 * bit (shuffling and Dropout masks come from `createRng(seed)` forks). After the first step of a
 * batch size, a step allocates no typed arrays.
 *
 * @param model - The model to train (updated in place).
 * @param data - Training samples (`x` over `[n, ...inputShape]`, `y` class indices or targets).
 * @param options - See {@link FitOptions}; defaults: cross-entropy (or MSE), Adam 0.001, 1 epoch,
 *   batch 32, shuffled, seed 0.
 * @returns A {@link FitResult}.
 * @throws {NnError} `INVALID_ARGUMENT`, `SHAPE_MISMATCH` or `NOT_FINITE` for bad options or data.
 * @example
 * ```ts
 * const result = fit(model, train, { optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9 }, epochs: 5, batchSize: 64, validation: test });
 * result.status;                     // => 'completed'
 * result.epochs.at(-1)?.valAccuracy; // => 0.97
 * ```
 */
export function fit(model: Model, data: Dataset, options: FitOptions = {}): FitResult {
  if (!isRecord(model) || typeof (model as Partial<Model>).parameters !== 'function') {
    throw new NnError('INVALID_ARGUMENT', 'model', 'must be a Model');
  }
  const o = checkOptions(options, KEYS, 'options');
  const train = checkDataset(data, 'data');
  const loss = resolveLoss(rawOption(o, 'loss'), train);
  const optimizer = resolveOptimizer(rawOption(o, 'optimizer'), model);
  const epochs = numberOption(o, 'epochs', { integer: true, min: 0, max: 1e6 }, 1);
  const batchSize = numberOption(o, 'batchSize', { integer: true, min: 1, max: 1 << 16 }, 32);
  const shuffle = booleanOption(o, 'shuffle', true);
  const seed = numberOption(o, 'seed', { integer: true, min: -(2 ** 53), max: 2 ** 53 }, 0);
  const dropLast = booleanOption(o, 'dropLast', false);
  const clipNorm =
    rawOption(o, 'clipNorm') === undefined
      ? undefined
      : numberOption(o, 'clipNorm', { min: 0, exclusiveMin: true, max: 1e30 });
  const clipValue =
    rawOption(o, 'clipValue') === undefined
      ? undefined
      : numberOption(o, 'clipValue', { min: 0, exclusiveMin: true, max: 1e30 });
  const rawVal = rawOption(o, 'validation');
  const validation = rawVal === undefined ? undefined : checkDataset(rawVal, 'validation');
  const schedule = rawOption(o, 'schedule') as Schedule | undefined;
  if (schedule !== undefined && (!isRecord(schedule) || typeof schedule.at !== 'function')) {
    throw new NnError(
      'INVALID_ARGUMENT',
      'schedule',
      'must be a schedule (stepSchedule, cosineSchedule, warmupSchedule)',
    );
  }
  const es = rawOption(o, 'earlyStopping');
  let patience = Number.POSITIVE_INFINITY;
  let minDelta = 0;
  let restoreBest = true;
  if (es !== undefined) {
    const e = checkOptions(es, ['patience', 'minDelta', 'restoreBest'], 'earlyStopping');
    patience = numberOption(e, 'patience', { integer: true, min: 0, max: 1e6 });
    minDelta = numberOption(e, 'minDelta', { min: 0, max: 1e30 }, 0);
    restoreBest = booleanOption(e, 'restoreBest', true);
  }
  const monitor = rawOption(o, 'monitor');
  if (monitor !== undefined && !(monitor instanceof Monitor && monitor.model === model)) {
    throw new NnError('INVALID_ARGUMENT', 'monitor', 'must be a Monitor created for this model');
  }
  const onStep = rawOption(o, 'onStep');
  const onEpoch = rawOption(o, 'onEpoch');
  if (onStep !== undefined && typeof onStep !== 'function')
    throw new NnError('INVALID_ARGUMENT', 'onStep', 'must be a function');
  if (onEpoch !== undefined && typeof onEpoch !== 'function')
    throw new NnError('INVALID_ARGUMENT', 'onEpoch', 'must be a function');
  checkData(train, model, loss, 'data');
  if (validation !== undefined) checkData(validation, model, loss, 'validation');

  const n = train.shape[0] as number;
  const stepsPerEpoch = dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
  if (stepsPerEpoch === 0)
    throw new NnError(
      'INVALID_ARGUMENT',
      'batchSize',
      `dropLast with batchSize ${batchSize} > ${n} samples leaves no step`,
    );
  if (stepsPerEpoch * epochs > MAX_STEPS)
    throw new NnError('TOO_LARGE', 'epochs', `at most ${MAX_STEPS} steps in one call`);

  const root = createRng(seed);
  for (const l of model.layers()) if (l instanceof Dropout) l.reseed(root.fork('dropout').fork(l.path));
  const shuffleRng = root.fork('shuffle');
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const buffers = new BatchBuffers(model.inputSize, train.y.length / n, loss.kind === 'cross_entropy');
  const stepLosses = new Float64Array(stepsPerEpoch * epochs);
  const params = model.parameters();
  const baseLr = optimizer.lr;
  const logs: EpochLog[] = [];
  const best =
    restoreBest && es !== undefined ? params.map((p) => new Float32Array(p.value.length)) : undefined;
  const bestBuffers =
    restoreBest && es !== undefined
      ? model.buffers().map((p) => new Float32Array(p.value.length))
      : undefined;
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestEpoch: number | undefined;
  let sinceBest = 0;
  let step = 0;
  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

  const finish = (status: FitResult['status'], nonFinite?: NonFiniteReport): FitResult => {
    if (
      status === 'early_stopped' &&
      best !== undefined &&
      bestBuffers !== undefined &&
      bestEpoch !== undefined
    ) {
      copyInto(params, best, false);
      copyInto(model.buffers(), bestBuffers, false);
    }
    return {
      status,
      epochs: logs,
      stepLosses: stepLosses.subarray(0, step),
      steps: step,
      ...(nonFinite === undefined ? {} : { nonFinite }),
      ...(bestEpoch === undefined ? {} : { bestEpoch }),
    };
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    const t0 = now();
    if (shuffle) shuffleRng.shuffle(order);
    let sum = 0;
    let hits = 0;
    let seen = 0;
    let lr = optimizer.lr;
    for (let k = 0; k < stepsPerEpoch; k++) {
      const from = k * batchSize;
      const b = Math.min(batchSize, n - from);
      const xb = buffers.x(b);
      const yb = buffers.y(b);
      gather(train, order, from, b, xb, yb);
      const badParam = firstNonFiniteParameter(params);
      if (badParam !== undefined) {
        return finish('non_finite', {
          step,
          epoch,
          phase: 'parameters',
          layer: layerOf(badParam.name),
          message: `parameter ${badParam.name} is non-finite before step ${step} (the previous update diverged; lower the learning rate or clip gradients)`,
        });
      }
      if (monitor !== undefined) monitor.beginStep(step);
      let pred: Float32Array;
      try {
        pred = model.forward(xb, b, true);
      } catch (e) {
        monitor?.endStep();
        const report = overflow(e, model, xb, b, undefined, step, epoch);
        if (report !== undefined) return finish('non_finite', report);
        throw e;
      }
      const value = loss.forward(pred, yb, b);
      if (!Number.isFinite(value)) {
        monitor?.endStep();
        const where = locateForward(model, xb, b);
        return finish('non_finite', {
          step,
          epoch,
          phase: where === undefined ? 'loss' : 'forward',
          layer: where ?? 'loss',
          message:
            where === undefined
              ? `the loss is ${value} at step ${step} with finite activations`
              : `the output of layer ${where} is non-finite at step ${step}`,
        });
      }
      model.zeroGrad();
      try {
        model.backward(loss.backward(), b, false);
      } catch (e) {
        monitor?.endStep();
        const report = overflow(e, model, xb, b, loss.backward(), step, epoch);
        if (report !== undefined) return finish('non_finite', report);
        throw e;
      }
      for (let i = params.length - 1; i >= 0; i--) {
        const p = params[i] as (typeof params)[number];
        if (!allFiniteValues(p.grad)) {
          monitor?.endStep();
          return finish('non_finite', {
            step,
            epoch,
            phase: 'backward',
            layer: layerOf(p.name),
            message: `the gradient of ${p.name} is non-finite at step ${step} (loss ${value})`,
          });
        }
      }
      let norm = Number.NaN;
      if (clipNorm !== undefined) norm = clipGradNorm(params, clipNorm);
      if (clipValue !== undefined) clipGradValue(params, clipValue);
      if (schedule !== undefined) optimizer.lr = schedule.at(step, baseLr);
      lr = optimizer.lr;
      optimizer.step();
      if (monitor !== undefined) monitor.endStep();
      stepLosses[step] = value;
      sum += value * b;
      seen += b;
      if (loss.kind !== 'mse') hits += correct(pred, yb, b, loss.kind);
      const s = step;
      step++;
      if (
        onStep !== undefined &&
        (onStep as NonNullable<FitOptions['onStep']>)({ step: s, epoch, loss: value, lr, gradNorm: norm }) ===
          false
      ) {
        logs.push({ epoch, loss: sum / seen, lr, ms: now() - t0 });
        return finish('stopped');
      }
    }
    const val =
      validation === undefined
        ? undefined
        : evaluateChecked(
            model,
            validation,
            loss,
            Math.max(batchSize, 256),
            new BatchBuffers(
              model.inputSize,
              validation.y.length / (validation.shape[0] ?? 1),
              loss.kind === 'cross_entropy',
            ),
          );
    const log: EpochLog = {
      epoch,
      loss: sum / seen,
      ...(loss.kind === 'mse' ? {} : { accuracy: hits / seen }),
      ...(val === undefined ? {} : { valLoss: val.loss }),
      ...(val?.accuracy === undefined ? {} : { valAccuracy: val.accuracy }),
      lr,
      ms: now() - t0,
    };
    logs.push(log);
    const monitored = val === undefined ? log.loss : val.loss;
    if (!Number.isFinite(monitored)) {
      return finish('non_finite', {
        step,
        epoch,
        phase: 'loss',
        layer: 'loss',
        message: `the validation loss is ${monitored} after epoch ${epoch}`,
      });
    }
    if (monitored < bestLoss - minDelta) {
      bestLoss = monitored;
      bestEpoch = epoch;
      sinceBest = 0;
      if (best !== undefined && bestBuffers !== undefined) {
        copyInto(params, best, true);
        copyInto(model.buffers(), bestBuffers, true);
      }
    } else if (++sinceBest > patience) {
      return finish('early_stopped');
    }
    if (onEpoch !== undefined && (onEpoch as NonNullable<FitOptions['onEpoch']>)(log) === false)
      return finish('stopped');
  }
  return finish('completed');
}
