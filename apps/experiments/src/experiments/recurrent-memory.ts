import type { Experiment, ExperimentResult, RunContext, Verdict } from '../experiment.ts';
import { lineChart, type SeriesPoint } from '../figures.ts';
import {
  type RecurrentArch,
  type RecurrentInit,
  rnnNonlinearity,
  sequenceModel,
} from '../sequence-models.ts';
import {
  inputGradientProfile,
  type SequenceTask,
  taskBaseline,
  taskData,
  taskShape,
  testLoss,
  trainSequence,
} from '../sequence-training.ts';
import { formatNumber, formatSummary, summarize } from '../stats.ts';

const ARCHS: readonly RecurrentArch[] = ['rnn', 'lstm'];
const INITS: readonly RecurrentInit[] = ['orthogonal', 'identity', 'normal', 'xavier'];
const TASKS: readonly SequenceTask[] = ['adding', 'copy'];

/** Settings of the experiment at a budget. */
export function recurrentMemorySettings(quick: boolean) {
  const common = {
    rnnLr: 0.001,
    lstmLr: 0.01,
    clipNorm: 1,
    window: 50,
    stopFactor: 0.25,
    beatFactor: 0.5,
    test: 500,
    gradientBatch: 64,
    seeds: [1, 2, 3],
  };
  return quick
    ? {
        ...common,
        rnnHidden: 16,
        lstmHidden: 8,
        lengths: { adding: [10, 30], copy: [5] },
        batchSize: { adding: 32, copy: 16 },
        maxSteps: { adding: 300, copy: 100 },
        gradientLength: 50,
        test: 200,
      }
    : {
        ...common,
        rnnHidden: 32,
        lstmHidden: 16,
        lengths: { adding: [50, 100, 150], copy: [50, 100] },
        batchSize: { adding: 32, copy: 16 },
        maxSteps: { adding: 600, copy: 400 },
        gradientLength: 150,
      };
}

type Settings = ReturnType<typeof recurrentMemorySettings>;

/** One training run. */
export interface MemoryRun {
  seed: number;
  status: string;
  steps: number;
  testLoss: number;
  /** Test loss over the baseline. */
  ratio: number;
  beats: boolean;
  curve: number[];
}

/** All seeds of one (architecture, start, task, T). */
export interface MemoryCell {
  length: number;
  baseline: number;
  runs: MemoryRun[];
  /** At least half of the seeds (rounded up) beat the baseline. */
  beats: boolean;
}

/** One (architecture, start, task): the cells run in increasing T, stopping after the first failure. */
export interface MemoryLine {
  arch: RecurrentArch;
  init: RecurrentInit;
  task: SequenceTask;
  cells: MemoryCell[];
  /** The first T not beaten, or null when every T was. */
  firstFailure: number | null;
  /** The longest T beaten before the first failure (0 when the first T fails). */
  horizon: number;
}

const label = (arch: RecurrentArch, init: RecurrentInit) =>
  arch === 'rnn' ? `${init} (${rnnNonlinearity(init)})` : init;

/** Trains one model on a task at delay T from a seed and scores it on fresh test sequences. */
export function memoryRun(
  arch: RecurrentArch,
  init: RecurrentInit,
  task: SequenceTask,
  length: number,
  seed: number,
  s: Settings,
): MemoryRun {
  const shape = taskShape(task, length);
  const hidden = arch === 'rnn' ? s.rnnHidden : s.lstmHidden;
  const model = sequenceModel({ arch, init, hidden, seed, ...shape });
  const baseline = taskBaseline(task, length);
  const batch = s.batchSize[task];
  const train = taskData(task, length, batch * s.maxSteps[task], seed, `train-${task}-${length}`);
  const r = trainSequence(model, train, {
    task,
    lr: arch === 'rnn' ? s.rnnLr : s.lstmLr,
    batchSize: batch,
    maxSteps: s.maxSteps[task],
    stopBelow: s.stopFactor * baseline,
    window: s.window,
    clipNorm: s.clipNorm,
  });
  const loss =
    r.status === 'non_finite'
      ? Number.NaN
      : testLoss(model, task, taskData(task, length, s.test, seed, `test-${task}-${length}`));
  const ratio = loss / baseline;
  return {
    seed,
    status: r.status,
    steps: r.steps,
    testLoss: loss,
    ratio,
    beats: Number.isFinite(ratio) && ratio <= s.beatFactor,
    curve: r.curve,
  };
}

async function memoryLine(
  context: RunContext,
  arch: RecurrentArch,
  init: RecurrentInit,
  task: SequenceTask,
  s: Settings,
): Promise<MemoryLine> {
  const cells: MemoryCell[] = [];
  let firstFailure: number | null = null;
  let horizon = 0;
  for (const length of s.lengths[task]) {
    const runs: MemoryRun[] = [];
    for (const seed of s.seeds) {
      runs.push(
        await context.progress.step(`${arch} ${init} ${task} T=${length} seed ${seed}`, () =>
          memoryRun(arch, init, task, length, seed, s),
        ),
      );
    }
    const beats = runs.filter((r) => r.beats).length >= Math.ceil(s.seeds.length / 2);
    cells.push({ length, baseline: taskBaseline(task, length), runs, beats });
    if (!beats) {
      firstFailure = length;
      break;
    }
    horizon = length;
  }
  return { arch, init, task, cells, firstFailure, horizon };
}

/** Gradient profiles at initialization on adding sequences of the probe length, per seed. */
function gradientProfiles(arch: RecurrentArch, init: RecurrentInit, s: Settings): number[][] {
  const shape = taskShape('adding', s.gradientLength);
  const hidden = arch === 'rnn' ? s.rnnHidden : s.lstmHidden;
  return s.seeds.map((seed) => {
    const model = sequenceModel({ arch, init, hidden, seed, ...shape });
    const data = taskData('adding', s.gradientLength, s.gradientBatch, seed, 'gradient-probe');
    return inputGradientProfile(model, data);
  });
}

/** The rule: orthogonal or identity remembers longer than both random starts, per architecture. */
export function memoryVerdict(lines: readonly MemoryLine[]): {
  verdict: Verdict;
  perArch: Record<string, boolean>;
} {
  const horizon = (arch: RecurrentArch, init: RecurrentInit, task: SequenceTask) =>
    lines.find((l) => l.arch === arch && l.init === init && l.task === task)?.horizon ?? 0;
  const perArch: Record<string, boolean> = {};
  for (const arch of ARCHS) {
    const best = (task: SequenceTask) =>
      Math.max(horizon(arch, 'orthogonal', task), horizon(arch, 'identity', task));
    const random = (task: SequenceTask) =>
      Math.max(horizon(arch, 'normal', task), horizon(arch, 'xavier', task));
    perArch[arch] = best('adding') > random('adding') && best('copy') >= random('copy');
  }
  const count = Object.values(perArch).filter(Boolean).length;
  return {
    verdict: count === ARCHS.length ? 'holds' : count > 0 ? 'holds with caveats' : 'does not hold',
    perArch,
  };
}

function cellText(cell: MemoryCell | undefined): string {
  if (cell === undefined) return 'not run';
  const wins = cell.runs.filter((r) => r.beats).length;
  return `${formatSummary(summarize(cell.runs.map((r) => r.ratio)), 2)} (${wins}/${cell.runs.length})`;
}

function memoryTables(lines: readonly MemoryLine[], grads: Record<string, number[][]>, s: Settings) {
  const all = [...new Set([...s.lengths.adding, ...s.lengths.copy])].sort((a, b) => a - b);
  const back = Math.min(50, s.gradientLength - 1);
  return [
    {
      title: `Test loss over the baseline (mean ± std over ${s.seeds.length} seeds; seeds with loss ≤ ${s.beatFactor}× baseline), T in increasing order, stopped at the first T not beaten`,
      columns: ['arch', 'W_hh start', 'task', ...all.map((t) => `T = ${t}`), 'first T not beaten'],
      rows: lines.map((l) => [
        l.arch,
        label(l.arch, l.init),
        l.task,
        ...all.map((t) =>
          s.lengths[l.task].includes(t) ? cellText(l.cells.find((c) => c.length === t)) : '—',
        ),
        l.firstFailure === null ? 'none' : String(l.firstFailure),
      ]),
    },
    {
      title: `At initialization: ‖∂L/∂x_t‖ / ‖∂L/∂x_T‖ on ${s.gradientBatch} adding sequences of T = ${s.gradientLength} (mean over seeds)`,
      columns: ['arch', 'W_hh start', `${back} steps back`, `${s.gradientLength - 1} steps back`],
      rows: ARCHS.flatMap((arch) =>
        INITS.map((init) => {
          const g = grads[`${arch} ${init}`] as number[][];
          return [
            arch,
            label(arch, init),
            formatNumber(summarize(g.map((p) => p[back] as number)).mean),
            formatNumber(summarize(g.map((p) => p.at(-1) as number)).mean),
          ];
        }),
      ),
    },
  ];
}

function memoryFigures(lines: readonly MemoryLine[], grads: Record<string, number[][]>) {
  const loss: SeriesPoint[] = [];
  for (const l of lines) {
    for (const c of l.cells) {
      loss.push({
        x: c.length,
        y: summarize(c.runs.map((r) => r.ratio)).mean,
        series: label(l.arch, l.init),
        facet: `${l.arch}, ${l.task}`,
      });
    }
  }
  const gradient: SeriesPoint[] = [];
  for (const [key, profiles] of Object.entries(grads)) {
    const [arch, init] = key.split(' ') as [RecurrentArch, RecurrentInit];
    (profiles[0] ?? []).forEach((_, k) => {
      gradient.push({
        x: k,
        y: summarize(profiles.map((p) => p[k] as number)).mean,
        series: label(arch, init),
        facet: arch,
      });
    });
  }
  return {
    'test-loss': lineChart(loss, {
      x: 'T (delay)',
      y: 'test loss / baseline (mean over seeds; dashed: the 0.5 bar)',
      rule: 0.5,
      width: 1000,
    }),
    gradient: lineChart(gradient, {
      x: 'steps back from the end',
      y: '‖∂L/∂x_t‖ / ‖∂L/∂x_T‖ at init',
      yType: 'log',
      width: 1000,
    }),
  };
}

/** Runs the recurrent-memory experiment with the given settings. */
export async function runRecurrentMemory(
  context: RunContext,
  settings = recurrentMemorySettings(context.quick),
): Promise<ExperimentResult> {
  const grads: Record<string, number[][]> = {};
  for (const arch of ARCHS) {
    for (const init of INITS) grads[`${arch} ${init}`] = gradientProfiles(arch, init, settings);
  }
  const lines: MemoryLine[] = [];
  for (const arch of ARCHS) {
    for (const init of INITS) {
      for (const task of TASKS) lines.push(await memoryLine(context, arch, init, task, settings));
    }
  }
  const { verdict, perArch } = memoryVerdict(lines);
  const horizons = ARCHS.flatMap((arch) =>
    TASKS.map(
      (task) =>
        `${arch} ${task}: ${lines
          .filter((l) => l.arch === arch && l.task === task)
          .map((l) => `${l.init} ${l.horizon}`)
          .join(', ')}`,
    ),
  ).join('; ');
  return {
    settings: {
      ...settings,
      model: `SimpleRNN (hidden ${settings.rnnHidden}; tanh, ReLU for the identity start = IRNN) or LSTM (hidden ${settings.lstmHidden}, forget bias 1), then a Dense head on the last step (adding) or on every step (copy)`,
      starts:
        'W_hh only: orthogonal = rnn_orthogonal (one Haar orthogonal block per gate), identity = rnn_identity (I per gate block), normal = N(0, 0.01²), xavier = xavier_uniform on the whole W_hh; W_ih and the head Xavier uniform, biases 0',
      optimizer: `Adam, lr ${settings.rnnLr} (SimpleRNN) / ${settings.lstmLr} (LSTM), gradient norm clipped at ${settings.clipNorm}; fresh sequences at every step`,
      stop: `a run stops early when the mean of its last ${settings.window} step losses is ≤ ${settings.stopFactor}× the baseline`,
      beats: `test loss on ${settings.test} fresh sequences ≤ ${settings.beatFactor}× the baseline (adding: MSE 1/6; copy: 10 ln 8/(T + 20) nats per step); a (start, T) beats it when at least ${Math.ceil(settings.seeds.length / 2)} of ${settings.seeds.length} seeds do; a non-finite run does not`,
      gradient: `at init, ‖∂L/∂x_t‖ over ${settings.gradientBatch} adding sequences of T = ${settings.gradientLength}, relative to the last step`,
    },
    seeds: settings.seeds,
    data: {
      lines,
      gradients: grads,
      horizons: Object.fromEntries(lines.map((l) => [`${l.arch} ${l.init} ${l.task}`, l.horizon])),
    },
    tables: memoryTables(lines, grads, settings),
    verdict: {
      verdict,
      rule: 'the horizon of a start is the longest T it beats before the first T it does not; holds when, in both SimpleRNN and LSTM, the better of orthogonal and identity has a longer adding horizon than both N(0, 0.01²) and Xavier and at least as long a copy horizon; with caveats when that is true in one architecture only',
      detail: `orthogonal/identity ahead: SimpleRNN ${perArch.rnn ? 'yes' : 'no'}, LSTM ${perArch.lstm ? 'yes' : 'no'}; horizons (longest T beaten) ${horizons}`,
    },
    figures: memoryFigures(lines, grads),
  };
}

/** Experiment 5. */
export const recurrentMemory: Experiment = {
  name: 'recurrent-memory',
  number: 5,
  description:
    'adding and copy tasks with SimpleRNN/LSTM: orthogonal and identity vs normal and Xavier recurrent weights',
  claim:
    "Orthogonal (and identity) recurrent weights keep an RNN's memory: they learn longer dependencies than random normal or Xavier recurrent weights.",
  source:
    'the source document; Le, Jaitly and Hinton, A Simple Way to Initialize Recurrent Networks of Rectified Linear Units (2015); Arjovsky, Shah and Bengio, Unitary Evolution Recurrent Neural Networks (2016)',
  run: (context) => runRecurrentMemory(context),
};
