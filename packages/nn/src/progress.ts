import { describeValue, NnError } from './errors';
import { checkOptions, numberOption, rawOption } from './options';

/**
 * What a training loop reports with each {@link ProgressSink.update}: the current epoch (1-based) and the
 * running loss and accuracy (a fraction in [0, 1]); any of them may be absent. A NaN or infinite loss is shown
 * as it is (a diverged run is reported, not hidden).
 *
 * @example
 * ```ts
 * const info: ProgressInfo = { epoch: 2, loss: 0.3412, accuracy: 0.912 };
 * ```
 */
export interface ProgressInfo {
  epoch?: number;
  loss?: number;
  accuracy?: number;
}

/**
 * The plain callback interface a long computation (such as `fit`) drives to show its progress.
 *
 * Protocol: `start(total, info?)` once, with the number of steps the run will take (batches over all epochs,
 * say) and optional facts about the run, read by the built-in sinks: `{ epochs?: number, label?: string,
 * unit?: string }` (other keys are ignored); then `update(done, info)` any number of times with the steps
 * completed so far (0 <= done <= total, non-decreasing) and the latest {@link ProgressInfo}; finally `stop()`,
 * also when the run ends early. Sinks never throw for values a run produces (a NaN loss included); they throw
 * `NnError` only for calls that break the protocol (a non-number `done`, a negative `total`).
 *
 * Implementations: {@link silentProgress} (does nothing), {@link callbackProgress} (computes rate and ETA and
 * calls a function, for browsers and workers) and, in `@init/nn/node`, `terminalProgress()` (a progress bar).
 *
 * @example
 * ```ts
 * const sink: ProgressSink = callbackProgress((s) => console.log(formatProgress(s)));
 * sink.start(100, { epochs: 2 });
 * sink.update(50, { epoch: 1, loss: 0.5, accuracy: 0.8 });
 * sink.stop();
 * ```
 */
export interface ProgressSink {
  /** Called once before the first step with the number of steps the run will take. */
  start(total: number, info?: object): void;
  /** Called with the steps completed so far (non-decreasing, at most `total`) and the latest figures. */
  update(done: number, info: ProgressInfo): void;
  /** Called once when the run ends, also when it ends early. */
  stop(): void;
}

/**
 * Everything a display needs at one moment of a run, as computed by {@link callbackProgress}.
 *
 * @example
 * ```ts
 * const state: ProgressState = { done: 50, total: 100, fraction: 0.5, elapsed: 2, rate: 25, eta: 2, epoch: 1, epochs: 2 };
 * ```
 */
export interface ProgressState {
  /** Steps completed. */
  readonly done: number;
  /** Steps in the run. */
  readonly total: number;
  /** done / total in [0, 1] (1 for an empty run). */
  readonly fraction: number;
  /** Seconds since `start`. */
  readonly elapsed: number;
  /** Steps per second since `start` (0 before the first step). */
  readonly rate: number;
  /** Estimated seconds left: (total - done) / rate, or undefined while the rate is 0. */
  readonly eta?: number;
  readonly epoch?: number;
  /** Epochs in the run, from `start`'s info. */
  readonly epochs?: number;
  readonly loss?: number;
  readonly accuracy?: number;
  /** Name of the run, from `start`'s info. */
  readonly label?: string;
  /** Name of a step (default `'steps'`), from `start`'s info. */
  readonly unit?: string;
}

/**
 * A sink that ignores every call: what a run uses when it is asked to be quiet.
 *
 * Formula: none (no output, no state, no clock).
 *
 * @returns a {@link ProgressSink} whose methods do nothing
 * @example
 * ```ts
 * const quiet = silentProgress();
 * quiet.start(10); quiet.update(5, { loss: 1 }); quiet.stop(); // prints nothing
 * ```
 */
export function silentProgress(): ProgressSink {
  return { start() {}, update() {}, stop() {} };
}

/**
 * Options of {@link callbackProgress}.
 *
 * @example
 * ```ts
 * const options: CallbackProgressOptions = { interval: 100, clock: () => performance.now() };
 * ```
 */
export interface CallbackProgressOptions {
  /** Least milliseconds between two calls of the callback (the last update and `stop` always call); default 0. */
  interval?: number;
  /** Milliseconds of a monotonic clock; default `performance.now()`. */
  clock?: () => number;
}

function checkStep(value: unknown, argument: string, max: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || value > max) {
    throw new NnError(
      Number.isNaN(value) ? 'NOT_FINITE' : 'INVALID_ARGUMENT',
      argument,
      `must be a number in [0, ${max}], got ${describeValue(value)}`,
    );
  }
  return value;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Reads the start info `{ epochs?, label?, unit? }` without calling getters; other keys are ignored. */
function startInfo(info: unknown): { epochs?: number; label?: string; unit?: string } {
  if (info === undefined || info === null || typeof info !== 'object') return {};
  const read = (key: string): unknown => {
    const d = Object.getOwnPropertyDescriptor(info, key);
    return d !== undefined && 'value' in d ? d.value : undefined;
  };
  const out: { epochs?: number; label?: string; unit?: string } = {};
  const epochs = read('epochs');
  const label = read('label');
  const unit = read('unit');
  if (typeof epochs === 'number' && Number.isFinite(epochs)) out.epochs = epochs;
  if (typeof label === 'string') out.label = label.slice(0, 80);
  if (typeof unit === 'string') out.unit = unit.slice(0, 20);
  return out;
}

/**
 * A sink that turns the calls of a run into {@link ProgressState}s (elapsed time, rate, ETA) and hands them to
 * `callback`, at most once per `interval` milliseconds: the building block of any display, and all a browser
 * or a Web Worker needs (post the state to the page).
 *
 * ```math
 * \text{rate} = \frac{\text{done}}{t - t_0}, \qquad \text{eta} = \frac{\text{total} - \text{done}}{\text{rate}}, \qquad
 * \text{fraction} = \frac{\text{done}}{\text{total}}
 * ```
 * with t the clock in seconds and t_0 its value at `start`.
 *
 * @param callback - receives each state; its exceptions propagate to the caller of the sink
 * @param options - `interval` (default 0 ms), `clock` (default `performance.now`)
 * @returns a {@link ProgressSink}
 * @throws {NnError} `INVALID_ARGUMENT` for a non-function callback or clock, a bad interval or an unknown
 *   option; from the sink, `INVALID_ARGUMENT` for `start` with a total that is not a number in [0, 2^53] and
 *   for `update` with a `done` outside [0, total], `INVALID_STATE` for `update` before `start`
 * @example
 * ```ts
 * let t = 0;
 * const sink = callbackProgress((s) => console.log(formatProgress(s)), { clock: () => t });
 * sink.start(100, { epochs: 2 });
 * t = 2000;
 * sink.update(50, { epoch: 1, loss: 0.25, accuracy: 0.9 });
 * // start logged "0/100 steps"; the update logs "epoch 1/2  50/100 steps  loss 0.2500  acc 90.00%  25.0 steps/s  eta 2s"
 * ```
 */
export function callbackProgress(
  callback: (state: ProgressState) => void,
  options?: CallbackProgressOptions,
): ProgressSink {
  if (typeof callback !== 'function') {
    throw new NnError('INVALID_ARGUMENT', 'callback', `must be a function, got ${describeValue(callback)}`);
  }
  const o = checkOptions(options, ['interval', 'clock'], 'options');
  const interval = numberOption(o, 'interval', { min: 0, max: 3.6e6 }, 0);
  const clockOption = rawOption(o, 'clock');
  if (clockOption !== undefined && typeof clockOption !== 'function') {
    throw new NnError(
      'INVALID_ARGUMENT',
      'clock',
      `must be a function returning milliseconds, got ${describeValue(clockOption)}`,
    );
  }
  const clock = (clockOption as (() => number) | undefined) ?? (() => performance.now());
  let started = false;
  let total = 0;
  let t0 = 0;
  let lastCall = Number.NEGATIVE_INFINITY;
  let info: { epochs?: number; label?: string; unit?: string } = {};
  let last: ProgressState | undefined;
  const state = (done: number, update: ProgressInfo): ProgressState => {
    const elapsed = Math.max(0, (clock() - t0) / 1000);
    const rate = elapsed > 0 && done > 0 ? done / elapsed : 0;
    const s: ProgressState = {
      done,
      total,
      fraction: total === 0 ? 1 : done / total,
      elapsed,
      rate,
      ...(rate > 0 ? { eta: (total - done) / rate } : {}),
      ...info,
      ...definedInfo(update),
    };
    return s;
  };
  return {
    start(steps: number, startDetails?: object) {
      total = checkStep(steps, 'total', 2 ** 53);
      info = startInfo(startDetails);
      started = true;
      t0 = clock();
      lastCall = Number.NEGATIVE_INFINITY;
      last = state(0, {});
      callback(last);
      lastCall = t0;
    },
    update(done: number, update: ProgressInfo) {
      if (!started) throw new NnError('INVALID_STATE', 'update', 'call start(total) before update');
      const d = checkStep(done, 'done', total);
      last = state(d, update ?? {});
      const now = clock();
      if (now - lastCall >= interval || d === total) {
        lastCall = now;
        callback(last);
      }
    },
    stop() {
      if (!started) return;
      started = false;
      if (last !== undefined) callback(state(last.done, last));
    },
  };
}

function definedInfo(update: unknown): ProgressInfo {
  if (update === null || typeof update !== 'object') return {};
  const read = (key: string): unknown => {
    const d = Object.getOwnPropertyDescriptor(update, key);
    return d !== undefined && 'value' in d ? d.value : undefined;
  };
  const out: ProgressInfo = {};
  const epoch = numberOrUndefined(read('epoch'));
  const loss = numberOrUndefined(read('loss'));
  const accuracy = numberOrUndefined(read('accuracy'));
  if (epoch !== undefined) out.epoch = epoch;
  if (loss !== undefined) out.loss = loss;
  if (accuracy !== undefined) out.accuracy = accuracy;
  return out;
}

function seconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * One line of text for a {@link ProgressState}: label, epoch, steps, loss, accuracy, rate and ETA, each shown
 * only when known.
 *
 * Formula: `[label  ]epoch e/E  done/total unit  loss l.4f  acc (100 a).2f%  rate.1f unit/s  eta t`.
 *
 * @param state - the state to show
 * @returns the line (no newline)
 * @throws {NnError} `INVALID_ARGUMENT` when `state` is not an object
 * @example
 * ```ts
 * formatProgress({ done: 50, total: 100, fraction: 0.5, elapsed: 2, rate: 25, eta: 2, epoch: 1, epochs: 2, loss: 0.25 });
 * // => 'epoch 1/2  50/100 steps  loss 0.2500  25.0 steps/s  eta 2s'
 * ```
 */
export function formatProgress(state: ProgressState): string {
  if (state === null || typeof state !== 'object') {
    throw new NnError(
      'INVALID_ARGUMENT',
      'state',
      `must be a progress state object, got ${describeValue(state)}`,
    );
  }
  const unit = state.unit ?? 'steps';
  const parts: string[] = [];
  if (state.label !== undefined) parts.push(state.label);
  if (state.epoch !== undefined)
    parts.push(state.epochs !== undefined ? `epoch ${state.epoch}/${state.epochs}` : `epoch ${state.epoch}`);
  parts.push(`${state.done}/${state.total} ${unit}`);
  if (state.loss !== undefined) parts.push(`loss ${state.loss.toFixed(4)}`);
  if (state.accuracy !== undefined) parts.push(`acc ${(100 * state.accuracy).toFixed(2)}%`);
  if (state.rate > 0) parts.push(`${state.rate.toFixed(1)} ${unit}/s`);
  if (state.eta !== undefined) parts.push(`eta ${seconds(state.eta)}`);
  return parts.join('  ');
}
