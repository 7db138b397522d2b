import {
  type CallbackProgressOptions,
  callbackProgress,
  checkOptions,
  formatProgress,
  NnError,
  type ProgressInfo,
  type ProgressSink,
  silentProgress,
} from '@init/nn';
import cliProgress from 'cli-progress';

/** The part of a Node write stream the progress bar uses (process.stdout and process.stderr are ones). */
export interface ProgressStream {
  /** Writes `chunk` (text with ANSI control sequences) and returns false if the stream asks the writer to wait. */
  write(chunk: string): boolean;
  /** Only a stream with `isTTY: true` gets a bar; anything else (a pipe, a file, CI logs) stays silent. */
  readonly isTTY?: boolean;
  /** Terminal width in characters. */
  readonly columns?: number;
}

/**
 * Options of {@link terminalProgress}.
 *
 * @example
 * ```ts
 * const options: TerminalProgressOptions = { stream: process.stderr, interval: 200, silent: false };
 * ```
 */
export interface TerminalProgressOptions {
  /** Where to draw; default `process.stdout`. */
  stream?: ProgressStream;
  /** `true` draws nothing whatever the stream; default false. */
  silent?: boolean;
  /** Least milliseconds between two redraws; default 100. */
  interval?: number;
  /** Width of the bar in characters, an integer in [0, 200]; default 24. */
  barSize?: number;
}

function own(options: Readonly<Record<string, unknown>>, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(options, key);
  if (d === undefined) return undefined;
  if (!('value' in d)) throw new NnError('INVALID_ARGUMENT', key, 'must be a data property, not a getter');
  return d.value;
}

/**
 * A progress bar for long runs in a terminal (Node only): a `cli-progress` bar followed by the line of
 * `formatProgress` (epoch, steps, loss, accuracy, rate, ETA). It stays silent when the stream is not a TTY
 * (output piped to a file or a CI log) or when `silent` is true, so it is a safe default for `fit`.
 *
 * Formula: redraw when at least `interval` ms passed since the last one, and at the last step and at `stop`;
 * the bar is round(barSize * done / total) characters long.
 *
 * @param options - `stream` (default `process.stdout`), `silent` (default false), `interval` (default 100 ms),
 *   `barSize` (default 24)
 * @returns a `ProgressSink` (see `@init/nn`)
 * @throws {NnError} `INVALID_ARGUMENT` for a stream without `write`, a bad option or an unknown key
 * @example
 * ```ts
 * import { terminalProgress } from '@init/nn/node';
 * const progress = terminalProgress();
 * progress.start(938, { epochs: 1 });
 * progress.update(469, { epoch: 1, loss: 0.31, accuracy: 0.91 });
 * progress.stop();
 * // ████████████░░░░░░░░░░░░ epoch 1/1  469/938 steps  loss 0.3100  acc 91.00%  812.4 steps/s  eta 1s
 * ```
 */
export function terminalProgress(options?: TerminalProgressOptions): ProgressSink {
  const o = checkOptions(options, ['stream', 'silent', 'interval', 'barSize'], 'options');
  const streamOption = own(o, 'stream');
  const stream = (streamOption ?? process.stdout) as ProgressStream;
  if (stream === null || typeof stream !== 'object' || typeof stream.write !== 'function') {
    throw new NnError('INVALID_ARGUMENT', 'stream', 'must be a writable stream such as process.stdout');
  }
  const silent = own(o, 'silent');
  if (silent !== undefined && typeof silent !== 'boolean') {
    throw new NnError('INVALID_ARGUMENT', 'silent', 'must be true or false');
  }
  const barSize = own(o, 'barSize') ?? 24;
  if (typeof barSize !== 'number' || !Number.isInteger(barSize) || barSize < 0 || barSize > 200) {
    throw new NnError('INVALID_ARGUMENT', 'barSize', 'must be an integer in [0, 200]');
  }
  const interval = (own(o, 'interval') ?? 100) as number;
  // Checks the interval the same way the callback sink does.
  const innerOptions: CallbackProgressOptions = { interval };
  callbackProgress(() => {}, innerOptions);
  if (silent === true || stream.isTTY !== true) return silentProgress();

  let bar: cliProgress.SingleBar | undefined;
  const inner = callbackProgress(
    (state) => bar?.update(state.done, { text: formatProgress(state) }),
    innerOptions,
  );
  return {
    start(total: number, info?: object) {
      bar?.stop();
      bar = new cliProgress.SingleBar(
        {
          stream: stream as unknown as NodeJS.WritableStream,
          format: '{bar} {text}',
          barsize: barSize,
          hideCursor: true,
          clearOnComplete: false,
          stopOnComplete: false,
          fps: 1000 / Math.max(interval, 10),
          linewrap: false,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Number.isFinite(total) ? total : 0, 0, { text: '' });
      try {
        inner.start(total, info);
      } catch (error) {
        bar.stop();
        bar = undefined;
        throw error;
      }
    },
    update(done: number, info: ProgressInfo) {
      inner.update(done, info);
    },
    stop() {
      inner.stop();
      bar?.stop();
      bar = undefined;
    },
  };
}
