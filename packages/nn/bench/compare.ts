// Runs one training epoch of a network in @init/nn, PyTorch (one thread) and optionally TF.js
// (wasm and cpu back ends), each in its own process so that each peak memory is its own,
// alternating the implementations `reps` times in one run, and prints medians and ratios.
import { fileURLToPath } from 'node:url';
import { benchFile, median, mnistDir, runWorker, type WorkerReport } from './bench-process';
import type { NetworkKind } from './networks';

const NN_DIR = fileURLToPath(new URL('..', import.meta.url));

/** One implementation of the comparison: how to run it and on how many samples. */
interface Contender {
  readonly key: string;
  readonly samples: number;
  run(samples: number): WorkerReport;
}

/** Options of {@link compareEpochs}. */
export interface CompareOptions {
  readonly reps: number;
  readonly samples: number;
  /** Include TF.js; its cpu back end trains on `tfjsCpuSamples` (its per-step time is compared). */
  readonly tfjs: boolean;
  readonly tfjsCpuSamples: number;
}

/** Per-implementation reports of every repetition, keyed `nn`, `torch`, `tfjs-wasm`, `tfjs-cpu`. */
export type Comparison = Map<string, WorkerReport[]>;

function node(script: string, args: string[]): WorkerReport {
  return runWorkerIn(process.execPath, ['--expose-gc', '--import', 'tsx', benchFile(script), ...args]);
}

function runWorkerIn(command: string, args: string[]): WorkerReport {
  const cwd = process.cwd();
  process.chdir(NN_DIR);
  try {
    return runWorker(command, args);
  } finally {
    process.chdir(cwd);
  }
}

/** Runs the contenders `reps` times, interleaved, and returns every report. */
export function compareEpochs(kind: NetworkKind, o: CompareOptions): Comparison {
  const contenders: Contender[] = [
    { key: 'nn', samples: o.samples, run: (n) => node('nn-worker.ts', [kind, String(n)]) },
    {
      key: 'torch',
      samples: o.samples,
      run: (n) =>
        runWorkerIn('/usr/bin/python3', [benchFile('torch_worker.py'), mnistDir(), kind, String(n)]),
    },
  ];
  if (o.tfjs) {
    contenders.push(
      { key: 'tfjs-wasm', samples: o.samples, run: (n) => node('tfjs-worker.ts', ['wasm', kind, String(n)]) },
      {
        key: 'tfjs-cpu',
        samples: o.tfjsCpuSamples,
        run: (n) => node('tfjs-worker.ts', ['cpu', kind, String(n)]),
      },
    );
  }
  const out: Comparison = new Map();
  for (let r = 0; r < o.reps; r++) {
    for (const c of contenders) {
      let report: WorkerReport | undefined;
      try {
        report = c.run(c.samples);
      } catch (e) {
        console.error(`${c.key}: unavailable (${(e as Error).message.split('\n')[0]})`);
      }
      if (report !== undefined) out.set(c.key, [...(out.get(c.key) ?? []), report]);
    }
  }
  return out;
}

const perStep = (r: WorkerReport): number => r.cpuMs / r.steps;

/** Median over repetitions of the per-step time ratio `a / b` (paired by repetition). */
export function medianRatio(cmp: Comparison, a: string, b: string): number | undefined {
  const ra = cmp.get(a);
  const rb = cmp.get(b);
  if (ra === undefined || rb === undefined) return undefined;
  const n = Math.min(ra.length, rb.length);
  if (n === 0) return undefined;
  return median(
    Array.from({ length: n }, (_, i) => perStep(ra[i] as WorkerReport) / perStep(rb[i] as WorkerReport)),
  );
}

/** Markdown table: epoch time, per step, accuracy, peak memory and the ratio to @init/nn. */
export function comparisonTable(cmp: Comparison): string {
  const lines = [
    '| implementation | epoch, CPU s | ms / step | ratio to @init/nn (per step) | test accuracy | peak RSS (after loading data) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const [key, reports] of cmp) {
    const first = reports[0] as WorkerReport;
    const step = median(reports.map(perStep));
    const full =
      first.samples === 60_000 || reports.every((r) => r.samples === first.samples && r.samples >= 60_000);
    const epoch = (step * Math.ceil(60_000 / 64)) / 1000;
    const acc = median(reports.map((r) => r.accuracy ?? Number.NaN));
    const ratio = key === 'nn' ? '1x' : `${medianRatio(cmp, key, 'nn')?.toFixed(2)}x`;
    lines.push(
      `| ${first.impl} | ${full ? epoch.toFixed(2) : `${epoch.toFixed(1)} (from ${first.steps} steps)`} | ${step.toFixed(2)} | ${ratio} | ${full ? `${(100 * acc).toFixed(2)}%` : '-'} | ${median(reports.map((r) => r.peakRssMiB)).toFixed(0)} MiB (${median(reports.map((r) => r.dataRssMiB ?? Number.NaN)).toFixed(0)} MiB) |`,
    );
  }
  return lines.join('\n');
}
