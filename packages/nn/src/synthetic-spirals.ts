import type { Rng, Seed } from '@init/rng';
import type { Dataset } from './data-set';
import { numberOption } from './options';
import { classCount, classesOption, generatorSettings, noiseOption } from './synthetic-options';

/**
 * Options of {@link spirals}.
 *
 * @example
 * ```ts
 * const options: SpiralsOptions = { n: 400, rng: 42, noise: 0.05, turns: 1.5 };
 * ```
 */
export interface SpiralsOptions {
  /** Number of samples (classes interleaved: sample j has class j mod classes). Required. */
  n: number;
  /** Random stream or seed. Required. */
  rng: Rng | Seed;
  /** Number of arms (classes), an integer in [2, 1024]; default 2. */
  classes?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate, in [0, 1e6]; default 0.05. */
  noise?: number;
  /** Turns each arm makes from the centre to radius 1, in (0, 100]; default 1.5. */
  turns?: number;
}

/**
 * Interleaved spirals (two by default): a classic task no linear model can solve.
 *
 * Sample j has class k = j mod K and index i = floor(j / K) among the m_k samples of its class:
 * ```math
 * r = \frac{i + 0.5}{m_k}, \quad \theta = 2\pi\left(\text{turns}\cdot r + \frac{k}{K}\right), \quad
 * x_j = \bigl(r\cos\theta + \sigma z_{2j},\; r\sin\theta + \sigma z_{2j+1}\bigr)
 * ```
 * with z the stream's first 2n standard normals (float32 fill, one word each) and σ = noise; coordinates are
 * rounded to float32.
 *
 * @param options - `n` and `rng` (required), `classes` (default 2), `noise` (default 0.05), `turns` (default 1.5)
 * @returns `{ x, y, shape: [n, 2], yShape: [n], classes }`, y an Int32Array of class indices
 * @throws {NnError} `INVALID_ARGUMENT` for a missing or bad `n`, `rng` or option (unknown keys with "did you
 *   mean"); `NOT_FINITE` for NaN or infinite numbers; `TOO_LARGE` (argument `n`) beyond 2^28 values
 * @example
 * ```ts
 * const data = spirals({ n: 200, rng: 1 });
 * [data.shape, data.y[0], data.y[1]]; // => [[200, 2], 0, 1]
 * ```
 */
export function spirals(options: SpiralsOptions): Dataset<Int32Array> {
  const { n, rng, options: o } = generatorSettings(options, ['classes', 'noise', 'turns'], () => 2);
  const classes = classesOption(o, 2);
  const noise = noiseOption(o, 0.05);
  const turns = numberOption(o, 'turns', { min: 0, exclusiveMin: true, max: 100 }, 1.5);
  // The noise is drawn into x first, then the spiral is added in place (no second buffer).
  const x = rng.fillNormal(new Float32Array(2 * n));
  const y = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const k = j % classes;
    const r = (Math.floor(j / classes) + 0.5) / classCount(n, classes, k);
    const theta = 2 * Math.PI * (turns * r + k / classes);
    x[2 * j] = r * Math.cos(theta) + noise * (x[2 * j] as number);
    x[2 * j + 1] = r * Math.sin(theta) + noise * (x[2 * j + 1] as number);
    y[j] = k;
  }
  return { x, y, shape: [n, 2], yShape: [n], classes };
}
