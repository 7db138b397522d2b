import type { Rng, Seed } from '@init/rng';
import type { Dataset } from './data-set';
import { generatorSettings, noiseOption } from './synthetic-options';

/**
 * Options of {@link xor}.
 *
 * @example
 * ```ts
 * const options: XorOptions = { n: 400, rng: 42, noise: 0.2 };
 * ```
 */
export interface XorOptions {
  /** Number of samples (sample j sits at corner j mod 4). Required. */
  n: number;
  /** Random stream or seed. Required. */
  rng: Rng | Seed;
  /** Standard deviation of the Gaussian noise around each corner, in [0, 1e6]; default 0.2. */
  noise?: number;
}

/**
 * The XOR problem: Gaussian clusters at the four corners (±1, ±1), labelled by the exclusive or of the two signs.
 *
 * Sample j sits at corner c = j mod 4 with bits a = c mod 2, b = floor(c / 2):
 * ```math
 * x_j = (2a - 1 + \sigma z_{2j},\; 2b - 1 + \sigma z_{2j+1}), \qquad y_j = a \oplus b
 * ```
 * with z the stream's first 2n standard normals (float32 fill) and σ = noise; `noise: 0` and n = 4 give the truth table.
 *
 * @param options - `n` and `rng` (required), `noise` (default 0.2)
 * @returns `{ x, y, shape: [n, 2], yShape: [n], classes: 2 }`
 * @throws {NnError} `INVALID_ARGUMENT` for a missing or bad `n`, `rng` or option; `NOT_FINITE` for NaN or
 *   infinite numbers; `TOO_LARGE` (argument `n`) beyond 2^28 values
 * @example
 * ```ts
 * const data = xor({ n: 4, rng: 1, noise: 0 });
 * [Array.from(data.x), Array.from(data.y)]; // => [[-1, -1, 1, -1, -1, 1, 1, 1], [0, 1, 1, 0]]
 * ```
 */
export function xor(options: XorOptions): Dataset<Int32Array> {
  const { n, rng, options: o } = generatorSettings(options, ['noise'], () => 2);
  const noise = noiseOption(o, 0.2);
  const x = rng.fillNormal(new Float32Array(2 * n));
  const y = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const a = j & 1;
    const b = (j >> 1) & 1;
    x[2 * j] = 2 * a - 1 + noise * (x[2 * j] as number);
    x[2 * j + 1] = 2 * b - 1 + noise * (x[2 * j + 1] as number);
    y[j] = a ^ b;
  }
  return { x, y, shape: [n, 2], yShape: [n], classes: 2 };
}
