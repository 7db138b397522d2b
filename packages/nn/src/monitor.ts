import { NnError } from './errors';
import type { Layer, Parameter } from './layer';
import type { Model } from './model';
import { checkOptions, isRecord, numberOption } from './options';

/** Fields recorded per layer and step, in ring-buffer order. */
const FIELDS = [
  'step',
  'mean',
  'std',
  'dead',
  'saturated',
  'inputGradNorm',
  'gradNorm',
  'weightNorm',
  'updateRatio',
] as const;

/** One layer's statistics at one step (NaN where a field does not apply). */
export interface LayerStepStats {
  /** 0-based step the values were recorded at. */
  readonly step: number;
  /** Mean and standard deviation of the layer's output values over the batch. */
  readonly mean: number;
  readonly std: number;
  /** ReLU-family layers: fraction of output units that are ≤ 0 for every sample of the batch. */
  readonly dead: number;
  /** tanh: fraction of outputs with |y| > 0.99; sigmoid: outside [0.01, 0.99]. */
  readonly saturated: number;
  /** ‖dL/dx‖ of the gradient the layer sends to its input. */
  readonly inputGradNorm: number;
  /** ‖dL/dθ‖ over the layer's parameters (NaN without parameters). */
  readonly gradNorm: number;
  /** ‖θ‖ over the layer's parameters after the step. */
  readonly weightNorm: number;
  /** ‖θ_after − θ_before‖ / ‖θ_before‖ of the step. */
  readonly updateRatio: number;
}

/** A layer's recorded history, oldest first. */
export interface LayerSeries {
  readonly layer: string;
  readonly kind: string;
  readonly steps: Float64Array;
  readonly mean: Float64Array;
  readonly std: Float64Array;
  readonly dead: Float64Array;
  readonly saturated: Float64Array;
  readonly inputGradNorm: Float64Array;
  readonly gradNorm: Float64Array;
  readonly weightNorm: Float64Array;
  readonly updateRatio: Float64Array;
  /** `histograms[k * bins + i]`: count of record k's outputs in bin i (see {@link Monitor.binEdges}). */
  readonly histograms: Uint32Array;
}

/** Options of {@link Monitor}. */
export interface MonitorOptions {
  /** Steps kept per layer (ring buffer). Default 256. */
  capacity?: number;
  /** Record every n-th step. Default 1. */
  every?: number;
  /** Histogram bins over `[-range, range]`, plus one under- and one overflow bin at the ends. Default 20. */
  bins?: number;
  /** Half-width of the histogram range. Default 4. */
  range?: number;
}

const RELU_LIKE = new Set(['relu', 'leaky_relu', 'elu', 'selu', 'gelu', 'silu', 'mish', 'softplus']);

/** Running statistics of one layer (preallocated ring buffers). */
class Track {
  readonly data: Float64Array;
  readonly hist: Uint32Array;
  readonly params: Parameter[] = [];
  before: Float32Array[] = [];
  count = 0;
  current = new Float64Array(FIELDS.length);
  currentHist: Uint32Array;
  seen = false;

  constructor(
    readonly layer: Layer,
    capacity: number,
    bins: number,
  ) {
    this.data = new Float64Array(capacity * FIELDS.length);
    this.hist = new Uint32Array(capacity * (bins + 2));
    this.currentHist = new Uint32Array(bins + 2);
  }
}

function norm(values: Float32Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    s += v * v;
  }
  return s;
}

/**
 * Per-layer activation and gradient statistics recorded during training, in bounded memory.
 *
 * For every leaf layer and recorded step it keeps the output's mean, standard deviation and
 * histogram (fixed bins), the fraction of dead units (ReLU family: ≤ 0 for the whole batch) or
 * saturated ones (tanh |y| > 0.99, sigmoid outside [0.01, 0.99]), the norm of the gradient sent to
 * the layer's input, and for layers with parameters the gradient norm, weight norm and
 * update-to-weight ratio:
 *
 * ```math
 * \text{update ratio} = \frac{\lVert \theta_{t+1} - \theta_t \rVert}{\lVert \theta_t \rVert}
 * ```
 *
 * Memory: `capacity` records per layer (ring buffers allocated once) and one copy of the weights
 * for the update ratio. When not attached, the model runs without any cost.
 *
 * @param model - The model to watch.
 * @param options - `capacity` 256, `every` 1, `bins` 20, `range` 4.
 * @throws {NnError} `INVALID_ARGUMENT` for bad options.
 * @example
 * ```ts
 * const monitor = new Monitor(model, { capacity: 100 });
 * fit(model, data, { monitor, epochs: 1 });
 * monitor.series('0').dead; // => Float64Array of the first layer's dead fractions, oldest first
 * ```
 */
export class Monitor {
  readonly model: Model;
  readonly capacity: number;
  readonly every: number;
  readonly bins: number;
  readonly range: number;
  private readonly tracks: Track[];
  private readonly byLayer = new Map<Layer, Track>();
  private recording = false;
  private readonly observer = (
    layer: Layer,
    values: Float32Array,
    batch: number,
    phase: 'forward' | 'backward',
  ): void => this.observe(layer, values, batch, phase);

  constructor(model: Model, options?: MonitorOptions) {
    if (!isRecord(model) || typeof (model as Partial<Model>).setObserver !== 'function') {
      throw new NnError('INVALID_ARGUMENT', 'model', 'must be a Model');
    }
    const o = checkOptions(options, ['capacity', 'every', 'bins', 'range'], 'options');
    this.model = model;
    this.capacity = numberOption(o, 'capacity', { integer: true, min: 1, max: 1 << 16 }, 256);
    this.every = numberOption(o, 'every', { integer: true, min: 1, max: 1 << 30 }, 1);
    this.bins = numberOption(o, 'bins', { integer: true, min: 1, max: 1024 }, 20);
    this.range = numberOption(o, 'range', { min: 0, exclusiveMin: true, max: 1e30 }, 4);
    const leaves = model.layers();
    if (leaves.length * this.capacity * (FIELDS.length * 8 + (this.bins + 2) * 4) > 2 ** 30) {
      throw new NnError('TOO_LARGE', 'capacity', 'the ring buffers would exceed 1 GiB');
    }
    this.tracks = leaves.map((l) => new Track(l, this.capacity, this.bins));
    for (const t of this.tracks) this.byLayer.set(t.layer, t);
    const byPath = new Map(this.tracks.map((t) => [t.layer.path, t]));
    for (const p of model.parameters()) {
      const path = p.name.slice(0, Math.max(0, p.name.length - p.localName.length - 1));
      const t = byPath.get(path);
      if (t !== undefined) {
        t.params.push(p);
        t.before.push(new Float32Array(p.value.length));
      }
    }
  }

  /** Edges of the histogram bins: `bins + 1` values from `-range` to `range` (bin 0 and the last are open-ended). */
  binEdges(): Float64Array {
    const e = new Float64Array(this.bins + 1);
    for (let i = 0; i <= this.bins; i++) e[i] = -this.range + (2 * this.range * i) / this.bins;
    return e;
  }

  /** Paths of the watched (leaf) layers, in forward order. */
  layers(): string[] {
    return this.tracks.map((t) => t.layer.path);
  }

  /** Starts step `step`: installs the observer (if the step is recorded) and snapshots the weights. */
  beginStep(step: number): void {
    this.recording = step % this.every === 0;
    if (!this.recording) {
      this.model.setObserver(undefined);
      return;
    }
    for (const t of this.tracks) {
      t.current.fill(Number.NaN);
      t.current[0] = step;
      t.currentHist.fill(0);
      t.seen = false;
      for (let i = 0; i < t.params.length; i++)
        (t.before[i] as Float32Array).set((t.params[i] as Parameter).value);
    }
    this.model.setObserver(this.observer);
  }

  private observe(layer: Layer, values: Float32Array, batch: number, phase: 'forward' | 'backward'): void {
    const t = this.byLayer.get(layer);
    if (t === undefined) return;
    if (phase === 'backward') {
      t.current[5] = Math.sqrt(norm(values));
      return;
    }
    t.seen = true;
    const n = values.length;
    let s = 0;
    for (let i = 0; i < n; i++) s += values[i] as number;
    const mean = s / n;
    let v = 0;
    let sat = 0;
    const bins = this.bins;
    const scale = bins / (2 * this.range);
    const h = t.currentHist;
    const kind = layer.kind;
    for (let i = 0; i < n; i++) {
      const y = values[i] as number;
      const d = y - mean;
      v += d * d;
      const b =
        y < -this.range
          ? 0
          : y >= this.range
            ? bins + 1
            : 1 + Math.min(bins - 1, Math.floor((y + this.range) * scale));
      h[b] = (h[b] as number) + 1;
      if (kind === 'tanh' ? Math.abs(y) > 0.99 : kind === 'sigmoid' ? y < 0.01 || y > 0.99 : false) sat++;
    }
    t.current[1] = mean;
    t.current[2] = Math.sqrt(v / n);
    if (RELU_LIKE.has(kind)) {
      const f = n / batch;
      let dead = 0;
      for (let j = 0; j < f; j++) {
        let alive = false;
        for (let b = 0; b < batch && !alive; b++) if ((values[b * f + j] as number) > 0) alive = true;
        if (!alive) dead++;
      }
      t.current[3] = dead / f;
    }
    if (kind === 'tanh' || kind === 'sigmoid') t.current[4] = sat / n;
  }

  /** Ends the step after the optimizer update: parameter norms, update ratios, and the record. */
  endStep(): void {
    this.model.setObserver(undefined);
    if (!this.recording) return;
    for (const t of this.tracks) {
      if (t.params.length > 0) {
        let g = 0;
        let w = 0;
        let d = 0;
        let w0 = 0;
        for (let i = 0; i < t.params.length; i++) {
          const p = t.params[i] as Parameter;
          const before = t.before[i] as Float32Array;
          g += norm(p.grad);
          w += norm(p.value);
          w0 += norm(before);
          for (let k = 0; k < before.length; k++) {
            const dv = (p.value[k] as number) - (before[k] as number);
            d += dv * dv;
          }
        }
        t.current[6] = Math.sqrt(g);
        t.current[7] = Math.sqrt(w);
        t.current[8] = w0 === 0 ? Number.NaN : Math.sqrt(d / w0);
      }
      if (!t.seen) continue;
      const slot = t.count % this.capacity;
      t.data.set(t.current, slot * FIELDS.length);
      t.hist.set(t.currentHist, slot * (this.bins + 2));
      t.count++;
    }
    this.recording = false;
  }

  /**
   * The recorded history of the layer at `path` (oldest first, at most `capacity` records).
   *
   * @throws {NnError} `INVALID_ARGUMENT` for a path that is not a watched layer.
   */
  series(path: string): LayerSeries {
    const t = this.tracks.find((x) => x.layer.path === path);
    if (t === undefined)
      throw new NnError(
        'INVALID_ARGUMENT',
        'path',
        `no watched layer at '${String(path).slice(0, 80)}'; layers: ${this.layers().join(', ')}`,
      );
    const k = Math.min(t.count, this.capacity);
    const start = t.count > this.capacity ? t.count % this.capacity : 0;
    const cols = FIELDS.map(() => new Float64Array(k));
    const hb = this.bins + 2;
    const histograms = new Uint32Array(k * hb);
    for (let r = 0; r < k; r++) {
      const slot = (start + r) % this.capacity;
      for (let f = 0; f < FIELDS.length; f++)
        (cols[f] as Float64Array)[r] = t.data[slot * FIELDS.length + f] as number;
      histograms.set(t.hist.subarray(slot * hb, slot * hb + hb), r * hb);
    }
    const [steps, mean, std, dead, saturated, inputGradNorm, gradNorm, weightNorm, updateRatio] = cols as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    return {
      layer: path,
      kind: t.layer.kind,
      steps,
      mean,
      std,
      dead,
      saturated,
      inputGradNorm,
      gradNorm,
      weightNorm,
      updateRatio,
      histograms,
    };
  }

  /** The latest record of every watched layer that has one. */
  latest(): (LayerStepStats & { layer: string; kind: string })[] {
    return this.tracks.flatMap((t) => {
      if (t.count === 0) return [];
      const o = ((t.count - 1) % this.capacity) * FIELDS.length;
      const r = Object.fromEntries(
        FIELDS.map((f, i) => [f, t.data[o + i] as number]),
      ) as unknown as LayerStepStats;
      return [{ layer: t.layer.path, kind: t.layer.kind, ...r }];
    });
  }
}
