/**
 * Recurrent memory: three SimpleRNNs that differ only in their recurrent weights W_hh (orthogonal,
 * identity, normal N(0, σ²/H)) trained side by side on the adding problem or the copy task, and the
 * gradient of the last step's loss reaching each earlier hidden state, ‖∂L_T/∂h_t‖, which shows
 * how far back the network can learn from.
 */
import { gemm, view } from '@init/linalg';
import {
  addingProblem,
  clipGradNorm,
  copyTask,
  createLoss,
  createOptimizer,
  type Dataset,
  Dense,
  type Loss,
  Model,
  type Optimizer,
  type Parameter,
  SimpleRNN,
} from '@init/nn';
import { createRng, type Rng } from '@init/rng';
import { fromConfig } from '@init/schemes';
import { activateArray, multiplyDerivative } from './activation-fns';

export interface RnnConfig {
  readonly task: 'adding' | 'copy';
  readonly length: number;
  readonly hidden: number;
  readonly activation: 'tanh' | 'relu';
  /** σ of the normal contestant: W_hh ~ N(0, σ²/H). */
  readonly normalSigma: number;
  readonly lr: number;
  readonly batchSize: number;
  readonly seed: number;
}

export interface RnnParams {
  readonly config: RnnConfig;
  readonly steps: number;
  readonly reset: boolean;
}

export interface RnnContestantReport {
  readonly label: string;
  readonly losses: number[];
  /** ‖∂L_T/∂h_t‖ / ‖∂L_T/∂h_T‖ for t = 1..L on the probe batch, at the current weights. */
  readonly memory: number[];
  /** The same at initialization. */
  readonly memoryAtInit: number[];
  readonly diverged: string | null;
}

export interface RnnResult {
  readonly step: number;
  readonly recordSteps: number[];
  readonly baseline: number;
  readonly baselineLabel: string;
  readonly steps: number;
  readonly contestants: RnnContestantReport[];
  readonly ms: number;
}

const COPY_SYMBOLS = 10;
const COPY_CATEGORIES = 8;
const TRAIN_SEQUENCES = 512;
const PROBE = 16;
const MAX_POINTS = 1000;

interface RnnContestant {
  readonly label: string;
  readonly rnn: Model;
  readonly head: Model;
  readonly optimizer: Optimizer;
  readonly parameters: Parameter[];
  readonly loss: Loss;
  losses: number[];
  memoryAtInit: number[];
  diverged: string | null;
}

function taskData(c: RnnConfig, n: number, rng: Rng): Dataset {
  return c.task === 'adding'
    ? addingProblem({ n, length: c.length, rng })
    : copyTask({ n, length: c.length, rng, copyLength: COPY_SYMBOLS, categories: COPY_CATEGORIES });
}

export class RnnArena {
  readonly contestants: RnnContestant[];
  readonly data: Dataset;
  readonly probe: Dataset;
  readonly steps: number;
  readonly features: number;
  readonly outputs: number;
  step = 0;
  readonly recordSteps: number[] = [];
  private stride = 1;
  private order: Uint32Array;
  private cursor = 0;
  private readonly orderRng: Rng;
  private readonly xb: Float32Array;
  private readonly yb: Float32Array | Int32Array;

  constructor(readonly config: RnnConfig) {
    const root = createRng(config.seed);
    this.data = taskData(config, TRAIN_SEQUENCES, root.fork('train'));
    this.probe = taskData(config, PROBE, root.fork('probe'));
    this.steps = this.data.shape[1] as number;
    this.features = this.data.shape[2] as number;
    this.outputs = config.task === 'adding' ? 1 : COPY_CATEGORIES + 1;
    this.orderRng = root.fork('batch-order');
    this.order = this.orderRng.permutation(TRAIN_SEQUENCES);
    const bs = config.batchSize;
    this.xb = new Float32Array(bs * this.steps * this.features);
    this.yb = config.task === 'adding' ? new Float32Array(bs) : new Int32Array(bs * this.steps);
    const h = config.hidden;
    const sigma = config.normalSigma / Math.sqrt(h);
    this.contestants = [
      this.contestant('orthogonal', { name: 'orthogonal', gain: 1 }),
      this.contestant('identity', { name: 'identity', gain: 1 }),
      this.contestant(`normal(σ=${config.normalSigma}/√${h})`, { name: 'normal', std: sigma }),
    ];
    for (const c of this.contestants) c.memoryAtInit = this.memory(c);
  }

  private contestant(
    label: string,
    recurrent: { name: string } & Record<string, number | string>,
  ): RnnContestant {
    const c = this.config;
    const rnn = new Model(
      [
        new SimpleRNN({
          hiddenSize: c.hidden,
          nonlinearity: c.activation,
          returnSequences: c.task === 'copy',
        }),
      ],
      { inputShape: [this.steps, this.features], init: 'xavier_uniform', seed: c.seed },
    );
    const whh = rnn.parameters().find((p) => p.localName === 'weight_hh') as Parameter;
    fromConfig(recurrent).fill(whh.value, whh.shape, createRng(c.seed).fork(whh.name));
    const head = new Model([new Dense({ units: this.outputs })], {
      inputShape: [c.hidden],
      init: 'xavier_uniform',
      seed: c.seed,
    });
    const parameters = [...rnn.parameters(), ...head.parameters()];
    return {
      label,
      rnn,
      head,
      parameters,
      optimizer: createOptimizer(parameters, { kind: 'adam', lr: c.lr }),
      loss: createLoss(c.task === 'adding' ? 'mse' : 'cross_entropy'),
      losses: [],
      memoryAtInit: [],
      diverged: null,
    };
  }

  get baseline(): number {
    return this.config.task === 'adding'
      ? 1 / 6
      : (COPY_SYMBOLS * Math.log(COPY_CATEGORIES)) / (this.config.length + 2 * COPY_SYMBOLS);
  }

  private nextBatch(): void {
    const bs = this.config.batchSize;
    const per = this.steps * this.features;
    const ys = this.config.task === 'adding' ? 1 : this.steps;
    for (let i = 0; i < bs; i++) {
      if (this.cursor >= this.order.length) {
        this.order = this.orderRng.permutation(this.order.length);
        this.cursor = 0;
      }
      const j = this.order[this.cursor++] as number;
      this.xb.set(this.data.x.subarray(j * per, (j + 1) * per), i * per);
      for (let k = 0; k < ys; k++) this.yb[i * ys + k] = this.data.y[j * ys + k] as number;
    }
  }

  trainStep(): void {
    this.nextBatch();
    const bs = this.config.batchSize;
    const rows = this.config.task === 'adding' ? bs : bs * this.steps;
    const record = (this.step + 1) % this.stride === 0;
    for (const c of this.contestants) {
      if (c.diverged !== null) {
        if (record) c.losses.push(Number.NaN);
        continue;
      }
      const hs = c.rnn.forward(this.xb, bs, true);
      const out = c.head.forward(hs, rows, true);
      const loss = c.loss.forward(out, this.yb, rows);
      if (!Number.isFinite(loss)) {
        c.diverged = `the loss became ${loss} at step ${this.step + 1}`;
        if (record) c.losses.push(Number.NaN);
        continue;
      }
      c.rnn.zeroGrad();
      c.head.zeroGrad();
      const dh = c.head.backward(c.loss.backward(), rows);
      c.rnn.backward(dh, bs);
      clipGradNorm(c.parameters, 1);
      c.optimizer.step();
      if (record) c.losses.push(loss);
    }
    this.step++;
    if (record) {
      this.recordSteps.push(this.step);
      if (this.recordSteps.length > MAX_POINTS) {
        const keep = (a: number[]) => a.filter((_, i) => i % 2 === 0);
        this.recordSteps.splice(0, this.recordSteps.length, ...keep(this.recordSteps));
        for (const c of this.contestants) c.losses = keep(c.losses);
        this.stride *= 2;
      }
    }
  }

  /**
   * ‖∂L_T/∂h_t‖ over the probe batch, relative to t = T: a forward pass with the contestant's
   * weights, the head's gradient of the last step's loss, then δ_{t-1} = (δ_t ⊙ φ'(a_t)) W_hh.
   */
  memory(c: RnnContestant): number[] {
    const { hidden: H, activation } = this.config;
    const B = PROBE;
    const T = this.steps;
    const F = this.features;
    const get = (m: Model, name: string) =>
      (m.parameters().find((p) => p.localName === name) as Parameter).value;
    const wih = get(c.rnn, 'weight_ih');
    const whh = get(c.rnn, 'weight_hh');
    const bih = get(c.rnn, 'bias_ih');
    const bhh = get(c.rnn, 'bias_hh');
    const wo = get(c.head, 'weight');
    const bo = get(c.head, 'bias');
    const pre: Float32Array[] = [];
    let h = new Float32Array(B * H);
    const xt = new Float32Array(B * F);
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) xt.set(this.probe.x.subarray((b * T + t) * F, (b * T + t + 1) * F), b * F);
      const a = new Float32Array(B * H);
      for (let b = 0; b < B; b++)
        for (let k = 0; k < H; k++) a[b * H + k] = (bih[k] as number) + (bhh[k] as number);
      try {
        gemm(1, view(xt, B, F), view(wih, H, F), 1, view(a, B, H), { transB: true });
        gemm(1, view(h, B, H), view(whh, H, H), 1, view(a, B, H), { transB: true });
      } catch {
        return new Array<number>(T).fill(Number.NaN);
      }
      pre.push(a);
      const next = new Float32Array(B * H);
      activateArray(activation, a, next);
      h = next;
    }
    // Gradient of the last step's loss with respect to h_T.
    const O = this.outputs;
    const out = new Float32Array(B * O);
    for (let b = 0; b < B; b++) out.set(bo, b * O);
    gemm(1, view(h, B, H), view(wo, O, H), 1, view(out, B, O), { transB: true });
    const g = new Float32Array(B * O);
    for (let b = 0; b < B; b++) {
      if (this.config.task === 'adding') g[b] = (2 * ((out[b] as number) - (this.probe.y[b] as number))) / B;
      else {
        let max = -Infinity;
        for (let k = 0; k < O; k++) max = Math.max(max, out[b * O + k] as number);
        let z = 0;
        for (let k = 0; k < O; k++) z += Math.exp((out[b * O + k] as number) - max);
        const target = this.probe.y[b * T + T - 1] as number;
        for (let k = 0; k < O; k++) {
          g[b * O + k] = (Math.exp((out[b * O + k] as number) - max) / z - (k === target ? 1 : 0)) / B;
        }
      }
    }
    let delta = new Float32Array(B * H);
    gemm(1, view(g, B, O), view(wo, O, H), 0, view(delta, B, H));
    const norms = new Array<number>(T).fill(Number.NaN);
    for (let t = T - 1; t >= 0; t--) {
      let s = 0;
      for (let i = 0; i < delta.length; i++) s += (delta[i] as number) ** 2;
      norms[t] = Math.sqrt(s);
      if (t === 0) break;
      const da = delta.slice();
      multiplyDerivative(activation, pre[t] as Float32Array, da);
      const prev = new Float32Array(B * H);
      try {
        gemm(1, view(da, B, H), view(whh, H, H), 0, view(prev, B, H));
      } catch {
        break;
      }
      delta = prev;
    }
    const ref = norms[T - 1] as number;
    return norms.map((v) => (ref > 0 && Number.isFinite(v / ref) ? v / ref : Number.NaN));
  }
}

export interface RnnStore {
  arena?: RnnArena;
  key?: string;
}

export async function runRnn(
  p: RnnParams,
  store: RnnStore,
  ctx: { cancelled(): boolean; yieldToEvents(): Promise<void> },
): Promise<RnnResult> {
  const t0 = performance.now();
  const key = JSON.stringify(p.config);
  if (p.reset || store.arena === undefined || store.key !== key) {
    store.arena = new RnnArena(p.config);
    store.key = key;
  }
  const arena = store.arena;
  const steps = Math.max(0, Math.min(500, Math.floor(p.steps)));
  for (let s = 0; s < steps; s++) {
    arena.trainStep();
    // A step of a long sequence can take a while: let a cancellation in after every one.
    await ctx.yieldToEvents();
    if (ctx.cancelled()) break;
  }
  const task = p.config.task;
  return {
    step: arena.step,
    recordSteps: [...arena.recordSteps],
    baseline: arena.baseline,
    baselineLabel:
      task === 'adding'
        ? 'predicting 1 always: MSE = Var(U1 + U2) = 1/6'
        : `memoryless: ${COPY_SYMBOLS} ln ${COPY_CATEGORIES} / (T + ${2 * COPY_SYMBOLS}) nats per step`,
    steps: arena.steps,
    contestants: arena.contestants.map((c) => ({
      label: c.label,
      losses: [...c.losses],
      memory: arena.memory(c),
      memoryAtInit: c.memoryAtInit,
      diverged: c.diverged,
    })),
    ms: performance.now() - t0,
  };
}
