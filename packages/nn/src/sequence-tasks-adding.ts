import type { Rng, Seed } from '@init/rng';
import type { Dataset } from './data-set';
import { numberOption } from './options';
import { generatorSettings } from './synthetic-options';

/**
 * Mean squared error of always predicting 1 on the adding problem, the score to beat: the target is the sum
 * of two independent U(0, 1) values, so E[(s - 1)^2] = Var(s) = 2 / 12 = 1/6.
 *
 * @example
 * ```ts
 * ADDING_BASELINE_MSE; // => 0.16666666666666666
 * ```
 */
export const ADDING_BASELINE_MSE = 1 / 6;

/**
 * Options of {@link addingProblem}.
 *
 * @example
 * ```ts
 * const options: AddingOptions = { n: 1000, length: 50, rng: 42 };
 * ```
 */
export interface AddingOptions {
  /** Number of sequences. Required. */
  n: number;
  /** Sequence length T, an integer in [2, 2^20]. Required. */
  length: number;
  /** Random stream or seed. Required. */
  rng: Rng | Seed;
}

/**
 * The adding problem (Hochreiter and Schmidhuber 1997; the form of Le, Jaitly and Hinton 2015): a sequence of
 * T steps of two channels, a value u_t ~ U(0, 1) and a marker m_t that is 1 at exactly two steps, one in
 * the first half and one in the second; the target is the sum of the two marked values.
 *
 * Per sequence the stream gives T float32 uniforms (one word each), then a ~ integer(0, h) and b ~ integer(h, T)
 * with h = floor(T / 2):
 * ```math
 * x_{t} = (u_t,\; [t = a] + [t = b]), \qquad y = u_a + u_b, \qquad \mathbb{E}[(y - 1)^2] = \tfrac{1}{6}
 * ```
 * so always answering 1 scores the baseline MSE 1/6 ({@link ADDING_BASELINE_MSE}).
 *
 * @param options - `n`, `length` (T) and `rng`, all required
 * @returns `{ x, y, shape: [n, T, 2], yShape: [n, 1] }`, y a Float32Array (a regression target, no `classes`)
 * @throws {NnError} `INVALID_ARGUMENT` for a missing or bad `n`, `length` (below 2) or `rng`, or an unknown
 *   option; `NOT_FINITE` for NaN or infinite numbers; `TOO_LARGE` (argument `n`) beyond 2^28 values
 * @example
 * ```ts
 * const data = addingProblem({ n: 2, length: 4, rng: 1 });
 * [data.shape, data.yShape]; // => [[2, 4, 2], [2, 1]]; each row of markers holds two ones
 * ```
 */
export function addingProblem(options: AddingOptions): Dataset<Float32Array> {
  const lengthOf = (o: Readonly<Record<string, unknown>>) =>
    numberOption(o, 'length', { integer: true, min: 2, max: 2 ** 20 });
  const { n, rng, options: o } = generatorSettings(options, ['length'], (v) => 2 * lengthOf(v));
  const length = lengthOf(o);
  const half = Math.floor(length / 2);
  const x = new Float32Array(n * length * 2);
  const y = new Float32Array(n);
  const values = new Float32Array(length);
  for (let i = 0; i < n; i++) {
    rng.fillUniform(values);
    const a = rng.integer(0, half);
    const b = rng.integer(half, length);
    const row = i * length * 2;
    for (let t = 0; t < length; t++) x[row + 2 * t] = values[t] as number;
    x[row + 2 * a + 1] = 1;
    x[row + 2 * b + 1] = 1;
    y[i] = (values[a] as number) + (values[b] as number);
  }
  return { x, y, shape: [n, length, 2], yShape: [n, 1] };
}
