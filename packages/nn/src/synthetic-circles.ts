import type { Rng, Seed } from '@init/rng';
import type { Dataset } from './data-set';
import { classesOption, generatorSettings, noiseOption } from './synthetic-options';

/**
 * Options of {@link circles}.
 *
 * @example
 * ```ts
 * const options: CirclesOptions = { n: 400, rng: 42, noise: 0.05 };
 * ```
 */
export interface CirclesOptions {
  /** Number of samples (sample j lies on ring j mod classes). Required. */
  n: number;
  /** Random stream or seed. Required. */
  rng: Rng | Seed;
  /** Number of concentric rings (classes), an integer in [2, 1024]; default 2. */
  classes?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate, in [0, 1e6]; default 0.05. */
  noise?: number;
}

/**
 * Concentric circles: ring k (the class) has radius 1 - k/K, so two classes give radii 1 and 0.5.
 *
 * The stream first gives 2n standard normals z (float32 fill, one word each), then one uniform u_j in [0, 1)
 * per sample (`rng.random()`, 53 bits); sample j has class k = j mod K and angle θ_j = 2π u_j:
 * ```math
 * x_j = \left(\left(1 - \tfrac{k}{K}\right)\cos\theta_j + \sigma z_{2j},\; \left(1 - \tfrac{k}{K}\right)\sin\theta_j + \sigma z_{2j+1}\right)
 * ```
 *
 * @param options - `n` and `rng` (required), `classes` (default 2), `noise` (default 0.05)
 * @returns `{ x, y, shape: [n, 2], yShape: [n], classes }`
 * @throws {NnError} `INVALID_ARGUMENT` for a missing or bad `n`, `rng` or option; `NOT_FINITE` for NaN or
 *   infinite numbers; `TOO_LARGE` (argument `n`) beyond 2^28 values
 * @example
 * ```ts
 * const data = circles({ n: 100, rng: 3, noise: 0 });
 * Math.hypot(data.x[0], data.x[1]); // => 1 (to float32 precision), class 0; sample 1 has radius 0.5
 * ```
 */
export function circles(options: CirclesOptions): Dataset<Int32Array> {
  const { n, rng, options: o } = generatorSettings(options, ['classes', 'noise'], () => 2);
  const classes = classesOption(o, 2);
  const noise = noiseOption(o, 0.05);
  const x = rng.fillNormal(new Float32Array(2 * n));
  const y = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const k = j % classes;
    const radius = 1 - k / classes;
    const theta = 2 * Math.PI * rng.random();
    x[2 * j] = radius * Math.cos(theta) + noise * (x[2 * j] as number);
    x[2 * j + 1] = radius * Math.sin(theta) + noise * (x[2 * j + 1] as number);
    y[j] = k;
  }
  return { x, y, shape: [n, 2], yShape: [n], classes };
}
