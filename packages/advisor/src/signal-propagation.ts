import { type Activation, type ActivationInput, resolveActivation } from './activations';
import { AdvisorError } from './errors';
import { secondMomentAt, slopeMomentAt } from './mean-field';
import { checkNonNegative } from './number-checks';
import { checkOptions } from './options';
import { valueText } from './value-text';

/**
 * Largest depth the signal analysis accepts (it costs two small integrals per layer).
 *
 * @example
 * ```ts
 * MAX_DEPTH; // => 10000
 * ```
 */
export const MAX_DEPTH = 10_000;

/** One weight layer as mean-field theory sees it: h = W x + b, x_next = phi(h). */
export interface SignalLayer {
  /** Label carried into the report. */
  readonly name?: string;
  /** Activation applied to this layer's pre-activation. */
  readonly activation: ActivationInput;
  /** Forward factor fan_in * Var(W), finite and >= 0. */
  readonly sigmaW2: number;
  /** Var(b), finite and >= 0. Default 0. */
  readonly sigmaB2?: number;
  /** Backward factor fan_out * Var(W), finite and >= 0. Default sigmaW2 (square layers). */
  readonly backwardSigmaW2?: number;
  /**
   * Residual branch id: consecutive layers with the same id form a branch y = x + f(x); the branch's
   * output (after its last activation) is added to the branch input. Default none (plain chain).
   */
  readonly branch?: string;
  /** A normalization layer precedes this layer: its input second moment is reset to 1. Default false. */
  readonly normalizedInput?: boolean;
}

/** Overall judgement of a network's signal propagation at initialization. */
export type Verdict = 'healthy' | 'vanishing' | 'exploding' | 'saturating';

/** Per-layer prediction. */
export interface LayerSignal {
  /** 1-based layer index. */
  readonly index: number;
  readonly name?: string;
  /** Predicted pre-activation variance q_l. */
  readonly q: number;
  /** q_l / q_1. */
  readonly forwardRatio: number;
  /**
   * sqrt(E[delta_l^2] / E[delta_ref^2]): gradient norm at this layer's pre-activation relative to the
   * last hidden layer's (layer L-1; the single layer itself when L = 1).
   */
  readonly gradNormRatio: number;
  /** E[phi'(h_l)^2] / phi'(0)^2: below 0.25 the units are saturated. */
  readonly slopeRetention: number;
}

/** Result of {@link propagate} and {@link propagateLayers}. */
export interface PropagationReport {
  readonly layers: readonly LayerSignal[];
  readonly verdict: Verdict;
  /** Depth (number of layers traversed) at which the signal leaves the healthy band; null if it never does. */
  readonly signalLostAt: number | null;
  /** Which pass lost it: the forward variance, the backward gradient, or unit saturation. */
  readonly lostIn: 'forward' | 'backward' | 'saturation' | null;
  /** One-sentence summary. */
  readonly summary: string;
}

/** Healthy band for variance ratios: within a factor of 100 (norms within a factor of 10). */
const BAND = 100;
/** Variances and squared gradient ratios are held at this value once they exceed it. */
const Q_CAP = 1e100;
const SATURATION = 0.25;

const LAYER_KEYS = [
  'name',
  'activation',
  'sigmaW2',
  'sigmaB2',
  'backwardSigmaW2',
  'branch',
  'normalizedInput',
];
const PROPAGATE_KEYS = ['activation', 'depth', 'sigmaW2', 'sigmaB2', 'inputVariance'];

interface Resolved {
  readonly name: string | undefined;
  readonly act: Activation;
  readonly sw2: number;
  readonly sb2: number;
  readonly bsw2: number;
  readonly branch: string | undefined;
  readonly normalizedInput: boolean;
}

/**
 * Predicts, layer by layer, the pre-activation variance and the gradient norm of a network at
 * initialization, and judges whether the signal survives (mean-field theory, infinite width).
 *
 * ```math
 * q_l = \sigma_{w,l}^2\, s_{l-1} + \sigma_{b,l}^2,\quad s_l = E[\phi_l(\sqrt{q_l} z)^2],\quad
 * E[\delta_{l-1}^2] = \bar\sigma_{w,l}^2\, E[\delta_l^2]\, E[\phi_{l-1}'(\sqrt{q_{l-1}} z)^2]
 * ```
 * A residual branch adds its output second moment to its input's (s <- s_in + s_branch) and its
 * input gradient gets the identity path added. Gradients are reported relative to the last hidden
 * layer; values beyond 1e100 are held at 1e100, and reaching that hold is itself 'exploding'. Verdict: the first depth at which q_l/q_1 or the squared gradient ratio leaves [1/100, 100]
 * ('vanishing' / 'exploding'), or a bounded activation
 * keeps less than 25% of its slope ('saturating'); otherwise 'healthy'. Layers inside a branch whose
 * variance or gradient is exactly 0 (a zero-initialized branch end) are silent by design and not judged.
 *
 * @param layers - 1 to 10000 layers, input to output.
 * @param inputVariance - Second moment of the network input per coordinate, > 0. Default 1.
 * @returns Per-layer predictions and the verdict.
 * @throws {AdvisorError} `INVALID_ARGUMENT` for an empty list or bad numbers; `TOO_LARGE` above 10000 layers;
 *   `NOT_FINITE` if a custom activation returns non-finite values.
 * @example
 * ```ts
 * propagateLayers([{ activation: 'relu', sigmaW2: 2 }, { activation: 'linear', sigmaW2: 1 }]).verdict; // => 'healthy'
 * ```
 */
export function propagateLayers(layers: readonly SignalLayer[], inputVariance = 1): PropagationReport {
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new AdvisorError('INVALID_ARGUMENT', 'layers', 'expected a non-empty array of layers');
  }
  if (layers.length > MAX_DEPTH) {
    throw new AdvisorError('TOO_LARGE', 'layers', `at most ${MAX_DEPTH} layers, got ${layers.length}`);
  }
  checkNonNegative(inputVariance, 'inputVariance', false);
  const resolved: Resolved[] = Array.from(layers, (raw: unknown, i) => {
    const where = `layers[${i}]`;
    if (raw === undefined) {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        where,
        'expected a layer object { activation, sigmaW2, ... }',
      );
    }
    const layer = checkOptions<SignalLayer>(raw, LAYER_KEYS, where, where);
    const sw2 = checkNonNegative(layer.sigmaW2, `${where}.sigmaW2`, true);
    for (const key of ['name', 'branch'] as const) {
      const v = layer[key];
      if (v !== undefined && (typeof v !== 'string' || v.length > 200)) {
        throw new AdvisorError(
          'INVALID_ARGUMENT',
          `${where}.${key}`,
          `expected a string of at most 200 characters, got ${valueText(v)}`,
        );
      }
    }
    if (layer.normalizedInput !== undefined && typeof layer.normalizedInput !== 'boolean') {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        `${where}.normalizedInput`,
        `expected true or false, got ${valueText(layer.normalizedInput)}`,
      );
    }
    return {
      name: layer.name,
      act: resolveActivation(layer.activation, `${where}.activation`),
      sw2,
      sb2: checkNonNegative(layer.sigmaB2 ?? 0, `${where}.sigmaB2`, true),
      bsw2: checkNonNegative(layer.backwardSigmaW2 ?? sw2, `${where}.backwardSigmaW2`, true),
      branch: layer.branch,
      normalizedInput: layer.normalizedInput === true,
    };
  });
  return run(resolved, inputVariance);
}

function startsBranch(layers: readonly Resolved[], i: number): boolean {
  const b = layers[i]!.branch;
  return b !== undefined && (i === 0 || layers[i - 1]!.branch !== b);
}

function endsBranch(layers: readonly Resolved[], i: number): boolean {
  const b = layers[i]!.branch;
  return b !== undefined && (i === layers.length - 1 || layers[i + 1]!.branch !== b);
}

function run(layers: readonly Resolved[], inputVariance: number): PropagationReport {
  const n = layers.length;
  const q = new Float64Array(n);
  const slope = new Float64Array(n);
  let s = inputVariance;
  let trunkIn = s;
  let lastMoment = s;
  let forwardCapAt: number | null = null;
  for (let i = 0; i < n; i++) {
    const layer = layers[i]!;
    if (startsBranch(layers, i)) trunkIn = s;
    if (layer.normalizedInput) s = 1;
    // Past 1e100 the signal has exploded; hold the value there instead of overflowing, and remember
    // where, so the verdict says 'exploding' even though the held ratios look flat.
    const raw = layer.sw2 * s + layer.sb2;
    if (forwardCapAt === null && !(raw < Q_CAP)) forwardCapAt = i + 1;
    const qi = Math.min(raw, Q_CAP);
    q[i] = qi;
    if (i > 0 && layer.act === layers[i - 1]!.act && qi === q[i - 1]) {
      // Same activation at the same variance (a fixed point, or held at the cap): reuse.
      slope[i] = slope[i - 1]!;
      s = lastMoment;
    } else {
      slope[i] = slopeMomentAt(layer.act, qi);
      s = secondMomentAt(layer.act, qi);
      if (!Number.isFinite(s) || !Number.isFinite(slope[i]!)) {
        throw new AdvisorError(
          'NOT_FINITE',
          `layers[${i}].activation`,
          'the activation returned non-finite values on the Gaussian',
        );
      }
    }
    lastMoment = s;
    if (endsBranch(layers, i)) s += trunkIn;
  }
  // Backward: d[i] = E[(dL/dh_i)^2] relative to the output layer's.
  const d = new Float64Array(n);
  const pending = new Map<string, number>();
  let a = 0;
  let backwardCapIndex: number | null = null;
  for (let i = n - 1; i >= 0; i--) {
    const layer = layers[i]!;
    if (endsBranch(layers, i) && i !== n - 1) pending.set(layer.branch!, a);
    const rawD = i === n - 1 ? 1 : a * slope[i]!;
    if (backwardCapIndex === null && !(rawD < Q_CAP)) backwardCapIndex = i;
    d[i] = Math.min(rawD, Q_CAP);
    let prev = layer.bsw2 * d[i]!;
    if (startsBranch(layers, i)) prev += pending.get(layer.branch!) ?? 0;
    a = prev;
  }
  // Gradients are reported relative to the last hidden layer: the output layer's own fan-out change
  // (a 10-way classifier on 512 units) is a one-off factor, not a trend with depth.
  const refIndex = n >= 2 ? n - 2 : n - 1;
  const ref = d[refIndex]!;
  if (ref > 0) for (let i = 0; i < n; i++) d[i] = Math.min(d[i]! / ref, Q_CAP);
  const q1 = q[0]! > 0 ? q[0]! : Number.MIN_VALUE;
  const out: LayerSignal[] = [];
  let forwardAt: number | null = null;
  let forwardKind: Verdict = 'healthy';
  let saturationAt: number | null = null;
  for (let i = 0; i < n; i++) {
    const layer = layers[i]!;
    // Held at the cap like the variances themselves: a first layer that underflowed to 0 makes the quotient overflow.
    const ratio = Math.min(q[i]! / q1, Q_CAP);
    const retention = layer.act.slopeAtZeroSq > 0 ? slope[i]! / layer.act.slopeAtZeroSq : 1;
    // Inside a residual branch a zero-initialized layer is silent by design (Fixup, SkipInit).
    const silentByDesign = layer.branch !== undefined && q[i] === 0;
    if (forwardAt === null && !silentByDesign && (ratio < 1 / BAND || ratio > BAND)) {
      forwardAt = i + 1;
      forwardKind = ratio < 1 ? 'vanishing' : 'exploding';
    }
    if (saturationAt === null && layer.act.bounded && retention < SATURATION) saturationAt = i + 1;
    const entry: LayerSignal = {
      index: i + 1,
      q: q[i]!,
      forwardRatio: ratio,
      gradNormRatio: Math.sqrt(d[i]!),
      slopeRetention: retention,
    };
    out.push(layer.name === undefined ? entry : { ...entry, name: layer.name });
  }
  let backwardAt: number | null = null;
  let backwardKind: Verdict = 'healthy';
  if (forwardCapAt !== null && (forwardAt === null || forwardCapAt < forwardAt)) {
    forwardAt = forwardCapAt;
    forwardKind = 'exploding';
  }
  if (backwardCapIndex !== null) {
    // The squared gradient grew past 1e100 counted back from the output: the ratios normalized by a
    // held value are meaningless, the gradient has exploded.
    backwardAt = Math.max(1, refIndex - backwardCapIndex + 1);
    backwardKind = 'exploding';
  }
  for (let i = refIndex; backwardAt === null && i >= 0; i--) {
    const r = d[i]!;
    if (layers[i]!.branch !== undefined && r === 0) continue;
    if (r < 1 / BAND || r > BAND) {
      backwardAt = refIndex - i + 1;
      backwardKind = r < 1 ? 'vanishing' : 'exploding';
      break;
    }
  }
  const candidates: { at: number; kind: Verdict; pass: 'forward' | 'backward' | 'saturation' }[] = [];
  if (saturationAt !== null) candidates.push({ at: saturationAt, kind: 'saturating', pass: 'saturation' });
  if (forwardAt !== null) candidates.push({ at: forwardAt, kind: forwardKind, pass: 'forward' });
  if (backwardAt !== null) candidates.push({ at: backwardAt, kind: backwardKind, pass: 'backward' });
  candidates.sort((x, y) => x.at - y.at);
  const first = candidates[0];
  const last = out[n - 1]!;
  const firstLayer = out[0]!;
  if (first === undefined) {
    return {
      layers: out,
      verdict: 'healthy',
      signalLostAt: null,
      lostIn: null,
      summary: `healthy over ${n} layers: variance ratio ${fmt(last.forwardRatio)}, first-layer gradient ratio ${fmt(firstLayer.gradNormRatio)}`,
    };
  }
  const what =
    first.pass === 'saturation'
      ? 'units saturate (less than 25% of their slope is left)'
      : first.pass === 'forward'
        ? first.at === forwardCapAt
          ? 'the pre-activation variance passes 1e100 (held there from then on)'
          : `the pre-activation variance leaves [1/100, 100] of layer 1's`
        : backwardCapIndex !== null
          ? 'the squared gradient norm passes 1e100 counted back from the output (held there from then on)'
          : `the gradient norm ratio leaves [1/10, 10] counted back from the last hidden layer`;
  return {
    layers: out,
    verdict: first.kind,
    signalLostAt: first.at,
    lostIn: first.pass,
    summary: `${first.kind}: ${what} after ${first.at} layer${first.at === 1 ? '' : 's'}`,
  };
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toPrecision(4) : x.toExponential(2);
}

/** Options of {@link propagate}: a plain stack of identical square layers. */
export interface PropagateOptions {
  /** Hidden activation. */
  readonly activation: ActivationInput;
  /** Number of weight layers, integer in [1, 10000]. */
  readonly depth: number;
  /** fan_in * Var(W), > 0 (2 for He with ReLU, 1 for LeCun, gain^2 for orthogonal). */
  readonly sigmaW2: number;
  /** Var(b), >= 0. Default 0. */
  readonly sigmaB2?: number;
  /** Second moment of the input per coordinate, > 0. Default 1. */
  readonly inputVariance?: number;
}

/**
 * Mean-field prediction for `depth` identical square layers with the same activation
 * (the last layer included, so the gradient ratio is measured at the last hidden pre-activation).
 *
 * Same model and verdict as {@link propagateLayers}.
 *
 * @param options - activation, depth (1..10000), sigmaW2 (> 0), sigmaB2 (default 0), inputVariance (default 1).
 * @returns Per-layer predictions and the verdict.
 * @throws {AdvisorError} `INVALID_ARGUMENT` for bad numbers; `TOO_LARGE` for depth > 10000.
 * @example
 * ```ts
 * propagate({ activation: 'relu', depth: 50, sigmaW2: 2 }).verdict; // => 'healthy'
 * propagate({ activation: 'relu', depth: 50, sigmaW2: 1 }).verdict; // => 'vanishing'
 * ```
 */
export function propagate(options: PropagateOptions): PropagationReport {
  if (options === undefined) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'options',
      'expected an object { activation, depth, sigmaW2, sigmaB2?, inputVariance? }',
    );
  }
  const o = checkOptions<PropagateOptions>(options, PROPAGATE_KEYS, 'options');
  const depth = o.depth;
  if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 1) {
    throw new AdvisorError('INVALID_ARGUMENT', 'depth', `expected an integer >= 1, got ${valueText(depth)}`);
  }
  if (depth > MAX_DEPTH) {
    throw new AdvisorError('TOO_LARGE', 'depth', `at most ${MAX_DEPTH}, got ${depth}`);
  }
  const act = resolveActivation(o.activation);
  const sw2 = checkNonNegative(o.sigmaW2, 'sigmaW2', false);
  const sb2 = checkNonNegative(o.sigmaB2 ?? 0, 'sigmaB2', true);
  const inputVariance = checkNonNegative(o.inputVariance ?? 1, 'inputVariance', false);
  const layer: Resolved = {
    name: undefined,
    act,
    sw2,
    sb2,
    bsw2: sw2,
    branch: undefined,
    normalizedInput: false,
  };
  return run(new Array<Resolved>(depth).fill(layer), inputVariance);
}
