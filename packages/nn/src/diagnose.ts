import { propagate, type Verdict } from '@init/advisor';
import { svd, view } from '@init/linalg';
import { createRng } from '@init/rng';
import { Activation } from './activation';
import { checkDataset } from './data-checks';
import type { Dataset } from './data-set';
import { NnError } from './errors';
import type { Layer } from './layer';
import { createLoss, LOSSES, type Loss, type LossName } from './loss';
import type { Model } from './model';
import { Monitor } from './monitor';
import { checkOptions, choiceOption, isRecord, numberOption } from './options';

/** Health of one layer at initialization. */
export type LayerVerdict = 'healthy' | 'vanishing' | 'exploding' | 'dead' | 'saturated';

/** One layer's line of a {@link DiagnoseReport}. */
export interface LayerDiagnosis {
  readonly layer: string;
  readonly kind: string;
  /** Output mean and standard deviation over the batch. */
  readonly mean: number;
  readonly std: number;
  /** Dead fraction (ReLU family) and saturated fraction (tanh, sigmoid); NaN where they do not apply. */
  readonly dead: number;
  readonly saturated: number;
  /** ‖dL/dx‖ the layer sends back, and its ratio to the gradient that reaches the network's output layer. */
  readonly inputGradNorm: number;
  readonly gradRatio: number;
  /** ‖dL/dθ‖ and ‖θ‖ of its parameters (NaN without parameters). */
  readonly gradNorm: number;
  readonly weightNorm: number;
  readonly verdict: LayerVerdict;
  readonly reason: string;
}

/** What {@link diagnose} returns. */
export interface DiagnoseReport {
  readonly layers: readonly LayerDiagnosis[];
  /** ‖dL/dx‖ at the first weight layer over that at the last (1 = balanced; ≪ 1 vanishing, ≫ 1 exploding). */
  readonly gradientRatio: number;
  /** Estimated singular values of the input-output Jacobian of the first sample (descending). */
  readonly jacobian: { readonly singularValues: Float64Array; readonly probes: number };
  /** Worst layer verdict (healthy when every layer is). */
  readonly verdict: LayerVerdict;
  /** @init/advisor's mean-field prediction for the same depth, activation and measured σ_w², when the model is a plain chain. */
  readonly advisor?: {
    readonly activation: string;
    readonly sigmaW2: number;
    readonly verdict: Verdict;
    readonly summary: string;
  };
  /** Why there is no `advisor` prediction: what makes the model other than a plain chain mean field describes. */
  readonly advisorNote?: string;
  /** Where the measurement and the advisor's prediction disagree (empty when they agree or there is no prediction). */
  readonly disagreements: readonly string[];
}

/** Options of {@link diagnose}. */
export interface DiagnoseOptions {
  /** Loss for the backward pass. Default as `fit`: cross-entropy with `classes`, else MSE. */
  loss?: LossName;
  /** Samples used (the first n). Default min(256, all). */
  batch?: number;
  /** Random input directions for the Jacobian estimate. Default 8. */
  probes?: number;
  /** Seed of the probe directions. Default 0. */
  seed?: number;
}

const VANISH = 1e-2;
const EXPLODE = 1e2;
const ORDER: LayerVerdict[] = ['healthy', 'saturated', 'dead', 'vanishing', 'exploding'];

function verdictOf(
  kind: string,
  dead: number,
  saturated: number,
  ratio: number,
  std: number,
): [LayerVerdict, string] {
  if (dead > 0.5)
    return ['dead', `${(100 * dead).toFixed(0)}% of the ${kind} units are inactive for the whole batch`];
  if (saturated > 0.5)
    return ['saturated', `${(100 * saturated).toFixed(0)}% of the ${kind} outputs are saturated`];
  if (ratio < VANISH)
    return [
      'vanishing',
      `the gradient here is ${ratio.toExponential(2)} of the one at the output (< ${VANISH})`,
    ];
  if (ratio > EXPLODE)
    return [
      'exploding',
      `the gradient here is ${ratio.toExponential(2)} times the one at the output (> ${EXPLODE})`,
    ];
  if (std > 1e3) return ['exploding', `the output standard deviation is ${std.toExponential(2)}`];
  return ['healthy', 'activations and gradients within range'];
}

/** Jacobian singular values of sample 0 in the span of `k` orthonormal random directions (central differences, eval mode). */
function jacobianEstimate(model: Model, x: Float32Array, k: number, seed: number): Float64Array {
  const n = model.inputSize;
  const m = model.outputSize;
  const q = Math.min(k, n);
  const rng = createRng(seed).fork('jacobian');
  const basis = new Float64Array(q * n);
  rng.fillNormal(basis);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < a; b++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += (basis[a * n + i] as number) * (basis[b * n + i] as number);
      for (let i = 0; i < n; i++)
        basis[a * n + i] = (basis[a * n + i] as number) - d * (basis[b * n + i] as number);
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += (basis[a * n + i] as number) ** 2;
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < n; i++) basis[a * n + i] = (basis[a * n + i] as number) * inv;
  }
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(x[i] as number));
  const h = 1e-2 * Math.max(1, scale);
  const jv = new Float64Array(m * q);
  const probe = new Float32Array(n);
  const plus = new Float64Array(m);
  for (let a = 0; a < q; a++) {
    for (let i = 0; i < n; i++) probe[i] = (x[i] as number) + h * (basis[a * n + i] as number);
    plus.set(model.forward(probe, 1, false));
    for (let i = 0; i < n; i++) probe[i] = (x[i] as number) - h * (basis[a * n + i] as number);
    const minus = model.forward(probe, 1, false);
    for (let r = 0; r < m; r++) jv[r * q + a] = ((plus[r] as number) - (minus[r] as number)) / (2 * h);
  }
  for (let i = 0; i < jv.length; i++)
    if (!Number.isFinite(jv[i] as number)) return new Float64Array(q).fill(Number.NaN);
  return svd(view(jv, m, q), { computeUV: false }).s;
}

/**
 * One forward and backward pass at the model's current (initial) weights, with a report per layer,
 * the first-to-last gradient-norm ratio, an estimate of the input-output Jacobian's singular values,
 * a verdict per layer, and `@init/advisor`'s mean-field prediction next to it.
 *
 * ```math
 * r_\ell = \frac{\lVert \partial L / \partial x_\ell \rVert}{\lVert \partial L / \partial x_{L} \rVert},\qquad
 * \text{verdict} = \begin{cases} \text{vanishing} & r_\ell < 10^{-2} \\ \text{exploding} & r_\ell > 10^{2} \\
 * \text{dead} & > 50\% \text{ inactive units} \\ \text{saturated} & > 50\% \text{ saturated outputs} \\ \text{healthy} \end{cases}
 * ```
 *
 * The Jacobian of sample 0 is probed along `probes` orthonormal random directions `V` by central
 * differences in evaluation mode; the singular values of `J V` are lower bounds of the largest
 * singular values of `J` (exact when `probes` reaches the input size). The advisor comparison is made
 * for plain chains of Dense layers with one hidden activation: `σ_w² = fan_in · Var(W)` averaged over
 * the hidden layers, then `propagate({ activation, depth, sigmaW2 })`.
 *
 * The weights are not changed; gradients are left zeroed, BatchNorm running statistics restored.
 *
 * @param model - The model, typically right after `init`.
 * @param data - Samples (`fit`'s data set format); the first `batch` are used.
 * @param options - `loss`, `batch` (256), `probes` (8), `seed` (0).
 * @throws {NnError} for data that does not fit the model, or bad options.
 * @example
 * ```ts
 * const report = diagnose(model, data);
 * report.verdict;                                // => 'healthy'
 * report.layers.map((l) => `${l.layer}: ${l.verdict}`);
 * report.disagreements;                          // => [] when the advisor predicted the same
 * ```
 */
export function diagnose(model: Model, data: Dataset, options: DiagnoseOptions = {}): DiagnoseReport {
  if (!isRecord(model) || typeof (model as Partial<Model>).parameters !== 'function')
    throw new NnError('INVALID_ARGUMENT', 'model', 'must be a Model');
  const o = checkOptions(options, ['loss', 'batch', 'probes', 'seed'], 'options');
  const d = checkDataset(data, 'data');
  const n = d.shape[0] ?? 0;
  if (n < 1) throw new NnError('INVALID_ARGUMENT', 'data', 'holds no samples');
  const loss: Loss = createLoss(
    choiceOption(o, 'loss', LOSSES, d.classes === undefined ? 'mse' : 'cross_entropy'),
  );
  const b = Math.min(n, numberOption(o, 'batch', { integer: true, min: 1, max: 1 << 16 }, 256));
  const probes = numberOption(o, 'probes', { integer: true, min: 1, max: 256 }, 8);
  const seed = numberOption(o, 'seed', { integer: true, min: -(2 ** 53), max: 2 ** 53 }, 0);
  const inSize = model.inputSize;
  if (d.x.length / n !== inSize) {
    throw new NnError(
      'SHAPE_MISMATCH',
      'data.shape',
      `samples have ${d.x.length / n} values, the model input ${inSize}`,
    );
  }
  const x = d.x.slice(0, b * inSize);
  for (let i = 0; i < x.length; i++)
    if (!Number.isFinite(x[i] as number)) throw new NnError('NOT_FINITE', 'data.x', `value ${i} is ${x[i]}`);
  const perY = d.y.length / n;
  const y =
    loss.kind === 'cross_entropy'
      ? Int32Array.from(d.y.subarray(0, b * perY))
      : Float32Array.from(d.y.subarray(0, b * perY));

  const saved = model.buffers().map((p) => Float32Array.from(p.value));
  const monitor = new Monitor(model, { capacity: 1 });
  model.zeroGrad();
  monitor.beginStep(0);
  try {
    const pred = model.forward(x, b, true);
    loss.forward(pred, y, b);
    model.backward(loss.backward(), b);
  } finally {
    monitor.endStep();
    const buffers = model.buffers();
    for (let i = 0; i < buffers.length; i++) buffers[i]?.value.set(saved[i] as Float32Array);
  }
  model.zeroGrad();

  const stats = monitor.latest();
  const weightLayers = stats.filter((s) => Number.isFinite(s.gradNorm));
  const last = weightLayers.at(-1);
  const outputGrad = last?.inputGradNorm ?? Number.NaN;
  const layers: LayerDiagnosis[] = stats.map((s) => {
    const gradRatio = s.inputGradNorm / outputGrad;
    const [verdict, reason] = verdictOf(
      s.kind,
      s.dead,
      s.saturated,
      Number.isFinite(gradRatio) ? gradRatio : 1,
      s.std,
    );
    return {
      layer: s.layer,
      kind: s.kind,
      mean: s.mean,
      std: s.std,
      dead: s.dead,
      saturated: s.saturated,
      inputGradNorm: s.inputGradNorm,
      gradRatio,
      gradNorm: s.gradNorm,
      weightNorm: s.weightNorm,
      verdict,
      reason,
    };
  });
  const first = weightLayers[0];
  const gradientRatio =
    first !== undefined && last !== undefined ? first.inputGradNorm / last.inputGradNorm : Number.NaN;
  const verdict = layers.reduce<LayerVerdict>(
    (w, l) => (ORDER.indexOf(l.verdict) > ORDER.indexOf(w) ? l.verdict : w),
    'healthy',
  );
  const singularValues = jacobianEstimate(model, x, probes, seed);
  const advisor = advisorPrediction(model);
  const disagreements: string[] = [];
  if (advisor !== undefined) {
    const measured =
      verdict === 'dead' || verdict === 'saturated'
        ? verdict === 'saturated'
          ? 'saturating'
          : 'vanishing'
        : verdict;
    if (measured !== advisor.verdict) {
      disagreements.push(
        `the advisor predicts '${advisor.verdict}' (${advisor.summary}), the measurement says '${verdict}'`,
      );
    }
  }
  return {
    layers,
    gradientRatio,
    jacobian: { singularValues, probes: Math.min(probes, inSize) },
    verdict,
    ...(advisor === undefined ? { advisorNote: advisorNoteFor(model) } : { advisor }),
    disagreements,
  };
}

function advisorNoteFor(model: Model): string {
  const why = notAPlainChain(model);
  return why === undefined
    ? 'no mean-field prediction: the measured sigma_w^2 is not a finite positive number, or there are fewer than two weight layers'
    : `no mean-field prediction: @init/advisor models plain chains of Dense and Conv2D layers with one activation, and this model has ${why}`;
}

/** Layers that mean field treats as one weight layer each (Flatten only reshapes). */
const CHAIN_LAYERS = new Set(['dense', 'conv2d', 'flatten']);

/**
 * Why the model is not a plain chain that mean field describes (Dense and Conv2D layers, Flatten, one
 * activation, nested only in Sequential containers), or undefined when it is one.
 */
function notAPlainChain(model: Model): string | undefined {
  const walk = (layer: Layer): string | undefined => {
    const children = layer.children();
    if (children.length > 0) {
      if (layer.kind !== 'sequential') return `a ${layer.kind} block (${layer.path || 'the root'})`;
      for (const c of children) {
        const why = walk(c);
        if (why !== undefined) return why;
      }
      return undefined;
    }
    if (layer instanceof Activation || CHAIN_LAYERS.has(layer.kind)) return undefined;
    return `a ${layer.kind} layer (${layer.path})`;
  };
  const why = walk(model.root);
  if (why !== undefined) return why;
  const kinds = new Set(
    model
      .layers()
      .filter((l) => l instanceof Activation)
      .map((l) => l.kind),
  );
  return kinds.size === 1 ? undefined : `${kinds.size === 0 ? 'no' : kinds.size} hidden activation kinds`;
}

/**
 * The advisor's mean-field prediction for a plain chain of Dense and Conv2D layers with one hidden
 * activation, with σ_w² = fan_in·mean(W²) averaged over the hidden weight layers (fan_in = in·kh·kw/groups
 * for a convolution; zero padding at the borders is ignored, as mean field does). Undefined for other models.
 */
function advisorPrediction(model: Model): DiagnoseReport['advisor'] {
  if (notAPlainChain(model) !== undefined) return undefined;
  const activation = model.layers().find((l) => l instanceof Activation)?.kind as string;
  const weights = model.parameters().filter((p) => p.localName === 'weight');
  if (weights.length < 2) return undefined;
  let sum = 0;
  for (const w of weights.slice(0, -1)) {
    const fanIn = w.value.length / (w.shape[0] as number);
    let s = 0;
    for (let i = 0; i < w.value.length; i++) s += (w.value[i] as number) ** 2;
    sum += (fanIn * s) / w.value.length;
  }
  const sigmaW2 = sum / (weights.length - 1);
  if (!(sigmaW2 > 0) || !Number.isFinite(sigmaW2)) return undefined;
  try {
    const p = propagate({ activation: activation as never, depth: weights.length, sigmaW2 });
    return { activation, sigmaW2, verdict: p.verdict, summary: p.summary };
  } catch {
    return undefined;
  }
}
