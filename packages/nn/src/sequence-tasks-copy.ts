import type { Rng, Seed } from '@init/rng';
import type { Dataset } from './data-set';
import { checkNumber, checkOptions, choiceOption, numberOption } from './options';
import { generatorSettings } from './synthetic-options';

/**
 * Options of {@link copyTask}.
 *
 * @example
 * ```ts
 * const options: CopyTaskOptions = { n: 1000, length: 100, rng: 42, encoding: 'index' };
 * ```
 */
export interface CopyTaskOptions {
  /** Number of sequences. Required. */
  n: number;
  /** Delay T: the delimiter comes T steps after the last symbol; an integer in [1, 2^20]. Required. */
  length: number;
  /** Random stream or seed. Required. */
  rng: Rng | Seed;
  /** Symbols to remember S, an integer in [1, 1024]; default 10. */
  copyLength?: number;
  /** Symbol categories K, an integer in [2, 1024]; default 8. */
  categories?: number;
  /** Inputs as one-hot vectors over K + 2 codes (default `'one-hot'`) or as the codes themselves (`'index'`, for an embedding). */
  encoding?: 'one-hot' | 'index';
}

/**
 * Cross-entropy per step (nats) of the best memoryless predictor on the copy task: it knows the target is blank
 * for the first T + S steps and uniform over the K categories for the last S.
 *
 * ```math
 * \text{CE} = \frac{S \ln K}{T + 2S} \qquad (= 10 \ln 8 / (T + 20) \text{ with the defaults})
 * ```
 *
 * @param length - the delay T, an integer >= 1
 * @param options - `copyLength` S (default 10), `categories` K (default 8)
 * @returns the baseline in nats per step
 * @throws {NnError} `INVALID_ARGUMENT` / `NOT_FINITE` for bad arguments or unknown options
 * @example
 * ```ts
 * copyBaselineCrossEntropy(100); // => 0.17328679513998632 (10 ln 8 / 120)
 * ```
 */
export function copyBaselineCrossEntropy(
  length: number,
  options?: Pick<CopyTaskOptions, 'copyLength' | 'categories'>,
): number {
  const t = checkNumber(length, 'length', { integer: true, min: 1, max: 2 ** 20 });
  const { copyLength, categories } = copySettings(
    checkOptions(options, ['copyLength', 'categories'], 'options'),
  );
  return (copyLength * Math.log(categories)) / (t + 2 * copyLength);
}

function copySettings(o: Readonly<Record<string, unknown>>): { copyLength: number; categories: number } {
  return {
    copyLength: numberOption(o, 'copyLength', { integer: true, min: 1, max: 1024 }, 10),
    categories: numberOption(o, 'categories', { integer: true, min: 2, max: 1024 }, 8),
  };
}

/**
 * The copy task (Hochreiter and Schmidhuber 1997, in the form of Arjovsky, Shah and Bengio 2016 and Henaff,
 * Szlam and LeCun 2016): remember S symbols over a delay of T steps, then repeat them.
 *
 * Codes: 0 blank, 1..K the symbol categories, K + 1 the delimiter. A sequence has L = T + 2S steps:
 * - input: S symbols s_1..s_S drawn uniformly from 1..K, then T - 1 blanks, the delimiter, then S blanks;
 * - target: T + S blanks, then s_1..s_S.
 *
 * With the defaults (S = 10, K = 8) that is the task of Henaff et al.: 10 symbols from 8 categories, length
 * T + 20, memoryless baseline 10 ln 8 / (T + 20) ({@link copyBaselineCrossEntropy}). The stream gives the
 * symbols by `rng.integer(1, K + 1)`, sequence after sequence.
 * ```math
 * x_{t} = \begin{cases} s_{t+1} & t < S \\ K + 1 & t = T + S - 1 \\ 0 & \text{else} \end{cases}, \qquad
 * y_{t} = \begin{cases} s_{t - T - S + 1} & t \ge T + S \\ 0 & \text{else} \end{cases}
 * ```
 *
 * @param options - `n`, `length` (T) and `rng` (required), `copyLength` (default 10), `categories` (default 8),
 *   `encoding` (`'one-hot'` default: x is `[n, L, K + 2]`; `'index'`: x is `[n, L]` holding the codes)
 * @returns `{ x, y, shape, yShape: [n, L], classes: K + 1 }`, y an Int32Array of target codes 0..K
 * @throws {NnError} `INVALID_ARGUMENT` for a missing or bad `n`, `length` or `rng`, or a bad or unknown option;
 *   `NOT_FINITE` for NaN or infinite numbers; `TOO_LARGE` (argument `n`) beyond 2^28 values
 * @example
 * ```ts
 * const data = copyTask({ n: 1, length: 3, rng: 1, copyLength: 2, encoding: 'index' });
 * // codes: x = [s1, s2, 0, 0, 9, 0, 0], y = [0, 0, 0, 0, 0, s1, s2] with s1, s2 in 1..8
 * [data.shape, data.yShape, data.classes]; // => [[1, 7], [1, 7], 9]
 * ```
 */
export function copyTask(options: CopyTaskOptions): Dataset<Int32Array> {
  const shapeOf = (o: Readonly<Record<string, unknown>>) => {
    const length = numberOption(o, 'length', { integer: true, min: 1, max: 2 ** 20 });
    const { copyLength, categories } = copySettings(o);
    const encoding = choiceOption(o, 'encoding', ['one-hot', 'index'] as const, 'one-hot');
    return { length, copyLength, categories, encoding, steps: length + 2 * copyLength };
  };
  const {
    n,
    rng,
    options: o,
  } = generatorSettings(options, ['length', 'copyLength', 'categories', 'encoding'], (v) => {
    const s = shapeOf(v);
    return s.steps * (s.encoding === 'index' ? 1 : s.categories + 2);
  });
  const { length, copyLength, categories, encoding, steps } = shapeOf(o);
  const width = encoding === 'index' ? 1 : categories + 2;
  const x = new Float32Array(n * steps * width);
  const y = new Int32Array(n * steps);
  const codes = new Int32Array(steps);
  const delimiter = length + copyLength - 1;
  for (let i = 0; i < n; i++) {
    codes.fill(0);
    for (let t = 0; t < copyLength; t++) {
      const symbol = rng.integer(1, categories + 1);
      codes[t] = symbol;
      y[i * steps + length + copyLength + t] = symbol;
    }
    codes[delimiter] = categories + 1;
    for (let t = 0; t < steps; t++) {
      const at = (i * steps + t) * width;
      if (encoding === 'index') x[at] = codes[t] as number;
      else x[at + (codes[t] as number)] = 1;
    }
  }
  const shape = encoding === 'index' ? [n, steps] : [n, steps, width];
  return { x, y, shape, yShape: [n, steps], classes: categories + 1 };
}
