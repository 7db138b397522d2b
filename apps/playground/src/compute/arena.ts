/**
 * The training arena: up to four copies of one architecture that differ only in their initial
 * weights, trained on the same mini-batches in the same order (one shuffle of the seed per epoch).
 */
import {
  Activation,
  createLoss,
  createOptimizer,
  Dense,
  type Loss,
  Model,
  type Optimizer,
  type OptimizerName,
  type Parameter,
} from '@init/nn';
import { createRng, type Rng } from '@init/rng';
import { fromConfig } from '@init/schemes';
import {
  DEFAULT_SCHEME_SETTINGS,
  MAIN_PARAM,
  type SchemeSettings,
  schemeConfig,
  schemeLabel,
} from '../scheme-catalog';
import type { ActivationName, TrainInit } from '../state/schema';
import type { ArenaData } from './datasets';

export interface ArenaConfig {
  readonly depth: number;
  readonly width: number;
  readonly activation: ActivationName;
  readonly inits: readonly TrainInit[];
  readonly lr: number;
  readonly batchSize: number;
  readonly optimizer: OptimizerName;
  readonly seed: number;
}

/** The settings of one arena initialization (its parameter is the multiplier for schemes without one). */
export function initSettings(init: TrainInit): SchemeSettings {
  const main = MAIN_PARAM[init.scheme];
  const s: SchemeSettings = { ...DEFAULT_SCHEME_SETTINGS, scheme: init.scheme };
  if (init.param === undefined) return s;
  return main === 'none' ? { ...s, mult: init.param } : { ...s, [main]: init.param };
}

interface Contestant {
  readonly label: string;
  readonly model: Model;
  readonly optimizer: Optimizer;
  readonly loss: Loss;
  readonly weights: Parameter[];
  losses: number[];
  accuracy: number[];
  gradNorms: number[][];
  diverged: string | null;
}

const MAX_POINTS = 1500;

function l2(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (a[i] as number);
  return Math.sqrt(s);
}

/** Keeps every other element (0, 2, 4, ...) in place. */
function thin(a: number[]): void {
  let k = 0;
  for (let i = 0; i < a.length; i += 2) a[k++] = a[i] as number;
  a.length = k;
}

export class Arena {
  readonly contestants: Contestant[];
  step = 0;
  /** Steps at which the accuracy was evaluated. */
  readonly evalSteps: number[] = [];
  /** Steps whose loss and gradient norms were recorded: every `stride`-th, at most MAX_POINTS of them. */
  readonly recordSteps: number[] = [];
  private stride = 1;
  private evalStride = 1;
  private order: Uint32Array;
  private cursor = 0;
  private readonly orderRng: Rng;
  private readonly xb: Float32Array;
  private readonly yb: Int32Array;

  constructor(
    readonly data: ArenaData,
    readonly config: ArenaConfig,
  ) {
    const n = data.train.shape[0] as number;
    this.orderRng = createRng(config.seed).fork('batch-order');
    this.order = this.orderRng.permutation(n);
    const bs = Math.min(config.batchSize, n);
    this.xb = new Float32Array(bs * data.features);
    this.yb = new Int32Array(bs);
    this.contestants = config.inits.map((init) => this.contestant(init));
  }

  private contestant(init: TrainInit): Contestant {
    const { depth, width, activation } = this.config;
    const layers = [];
    for (let l = 0; l < depth; l++) {
      layers.push(new Dense({ units: width }), new Activation({ name: activation }));
    }
    layers.push(new Dense({ units: this.data.classes }));
    const settings = initSettings(init);
    const model = new Model(layers, {
      inputShape: [this.data.features],
      init: fromConfig(schemeConfig(settings)),
      seed: this.config.seed,
    });
    const parameters = model.parameters();
    return {
      label: schemeLabel(settings),
      model,
      optimizer: createOptimizer(parameters, { kind: this.config.optimizer, lr: this.config.lr }),
      loss: createLoss('cross_entropy'),
      weights: parameters.filter((p) => p.role === 'weight'),
      losses: [],
      accuracy: [],
      gradNorms: parameters.filter((p) => p.role === 'weight').map(() => []),
      diverged: null,
    };
  }

  /** Copies the next mini-batch (the same for every contestant) into the batch buffers. */
  private nextBatch(): number {
    const { train, features } = this.data;
    const bs = this.yb.length;
    for (let i = 0; i < bs; i++) {
      if (this.cursor >= this.order.length) {
        this.order = this.orderRng.permutation(this.order.length);
        this.cursor = 0;
      }
      const j = this.order[this.cursor++] as number;
      this.xb.set(train.x.subarray(j * features, (j + 1) * features), i * features);
      this.yb[i] = train.y[j] as number;
    }
    return bs;
  }

  /** One optimizer step of every contestant on the same batch. */
  trainStep(): void {
    const bs = this.nextBatch();
    const record = (this.step + 1) % this.stride === 0;
    for (const c of this.contestants) {
      if (c.diverged !== null) {
        if (record) {
          c.losses.push(Number.NaN);
          for (const g of c.gradNorms) g.push(Number.NaN);
        }
        continue;
      }
      const out = c.model.forward(this.xb, bs, true);
      const loss = c.loss.forward(out, this.yb, bs);
      if (!Number.isFinite(loss)) {
        c.diverged = `the loss became ${loss} at step ${this.step + 1}`;
        if (record) {
          c.losses.push(Number.NaN);
          for (const g of c.gradNorms) g.push(Number.NaN);
        }
        continue;
      }
      c.model.zeroGrad();
      c.model.backward(c.loss.backward(), bs);
      if (record) {
        c.weights.forEach((p, k) => {
          (c.gradNorms[k] as number[]).push(l2(p.grad));
        });
        c.losses.push(loss);
      }
      c.optimizer.step();
    }
    this.step++;
    if (record) {
      this.recordSteps.push(this.step);
      if (this.recordSteps.length > MAX_POINTS) {
        thin(this.recordSteps);
        for (const c of this.contestants) {
          thin(c.losses);
          for (const g of c.gradNorms) thin(g);
        }
        this.stride *= 2;
      }
    }
  }

  /** Evaluates when the step is on the evaluation stride (which doubles as the history grows). */
  maybeEvaluate(every: number): void {
    if (this.step % (every * this.evalStride) === 0) this.evaluate();
  }

  /** Test accuracy of every contestant (argmax of the outputs), recorded at the current step. */
  evaluate(): void {
    const { test, features, classes } = this.data;
    const n = test.shape[0] as number;
    const chunk = 250;
    for (const c of this.contestants) {
      if (c.diverged !== null) {
        c.accuracy.push(Number.NaN);
        continue;
      }
      let correct = 0;
      for (let s = 0; s < n; s += chunk) {
        const m = Math.min(chunk, n - s);
        const out = c.model.forward(test.x.subarray(s * features, (s + m) * features), m, false);
        for (let i = 0; i < m; i++) {
          let best = 0;
          for (let k = 1; k < classes; k++)
            if ((out[i * classes + k] as number) > (out[i * classes + best] as number)) best = k;
          if (best === test.y[s + i]) correct++;
        }
      }
      c.accuracy.push(correct / n);
    }
    this.evalSteps.push(this.step);
    if (this.evalSteps.length > MAX_POINTS / 4) {
      thin(this.evalSteps);
      for (const c of this.contestants) thin(c.accuracy);
      this.evalStride *= 2;
    }
  }

  /**
   * For 2-D data: each contestant's predicted class and its softmax probability on a grid x grid
   * lattice over the data's bounds, row 0 at the top (largest y).
   */
  boundary(grid: number): { classes: Uint8Array[]; confidence: Float32Array[] } | null {
    const b = this.data.bounds;
    if (b === null) return null;
    const [x0, x1, y0, y1] = b;
    const points = new Float32Array(grid * grid * 2);
    for (let r = 0; r < grid; r++) {
      for (let col = 0; col < grid; col++) {
        const i = r * grid + col;
        points[2 * i] = x0 + ((col + 0.5) / grid) * (x1 - x0);
        points[2 * i + 1] = y1 - ((r + 0.5) / grid) * (y1 - y0);
      }
    }
    const k = this.data.classes;
    const classes: Uint8Array[] = [];
    const confidence: Float32Array[] = [];
    for (const c of this.contestants) {
      const out = c.model.forward(points, grid * grid, false);
      const cls = new Uint8Array(grid * grid);
      const conf = new Float32Array(grid * grid);
      for (let i = 0; i < grid * grid; i++) {
        let best = 0;
        let max = -Infinity;
        for (let j = 0; j < k; j++) {
          const v = out[i * k + j] as number;
          if (v > max) {
            max = v;
            best = j;
          }
        }
        let z = 0;
        for (let j = 0; j < k; j++) z += Math.exp((out[i * k + j] as number) - max);
        cls[i] = best;
        conf[i] = Number.isFinite(z) ? 1 / z : 0;
      }
      classes.push(cls);
      confidence.push(conf);
    }
    return { classes, confidence };
  }
}
