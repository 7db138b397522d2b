import type { Rng, Seed } from '@init/rng';
import type { Dataset } from './data-set';
import { NnError } from './errors';
import { numberOption } from './options';
import { classesOption, generatorSettings, noiseOption } from './synthetic-options';

/**
 * Options of {@link gaussianBlobs}.
 *
 * @example
 * ```ts
 * const options: BlobsOptions = { n: 600, rng: 42, classes: 3, dims: 2, noise: 1, box: 10 };
 * ```
 */
export interface BlobsOptions {
  /** Number of samples (sample j belongs to blob j mod classes). Required. */
  n: number;
  /** Random stream or seed. Required. */
  rng: Rng | Seed;
  /** Number of blobs (classes), an integer in [1, 1024]; default 3. */
  classes?: number;
  /** Dimension of each sample, an integer in [1, 65536]; default 2. */
  dims?: number;
  /** Standard deviation of each blob, in [0, 1e6]; default 1. */
  noise?: number;
  /** Centres are drawn uniformly from [-box, box]^dims, box in (0, 1e6]; default 10. */
  box?: number;
}

/**
 * Isotropic Gaussian blobs around random centres.
 *
 * The stream first gives the K·d centre coordinates c uniformly in [-box, box) (float64, row-major [K, d]),
 * then n·d standard normals z (float32 fill, one word each); sample j has class k = j mod K and
 * ```math
 * x_{j,t} = c_{k,t} + \sigma z_{j d + t}, \qquad t = 0, \dots, d - 1
 * ```
 *
 * @param options - `n` and `rng` (required), `classes` (default 3), `dims` (default 2), `noise` (default 1),
 *   `box` (default 10)
 * @returns `{ x, y, shape: [n, dims], yShape: [n], classes, centers }` with `centers` the float32 centres,
 *   row-major `[classes, dims]`
 * @throws {NnError} `INVALID_ARGUMENT` for a missing or bad `n`, `rng` or option; `NOT_FINITE` for NaN or
 *   infinite numbers; `TOO_LARGE` (argument `n`) beyond 2^28 values, (argument `dims`) beyond 2^20 centre
 *   coordinates
 * @example
 * ```ts
 * const data = gaussianBlobs({ n: 300, rng: 1, classes: 3, noise: 0 });
 * [data.shape, data.x[0] === data.centers[0]]; // => [[300, 2], true]
 * ```
 */
export function gaussianBlobs(
  options: BlobsOptions,
): Dataset<Int32Array> & { readonly centers: Float32Array } {
  const {
    n,
    rng,
    options: o,
  } = generatorSettings(options, ['classes', 'dims', 'noise', 'box'], (v) =>
    numberOption(v, 'dims', { integer: true, min: 1, max: 65536 }, 2),
  );
  const dims = numberOption(o, 'dims', { integer: true, min: 1, max: 65536 }, 2);
  const classes = classesOption(o, 3, 1);
  const noise = noiseOption(o, 1);
  const box = numberOption(o, 'box', { min: 0, exclusiveMin: true, max: 1e6 }, 10);
  if (classes * dims > 2 ** 20) {
    throw new NnError('TOO_LARGE', 'dims', `${classes} centres of ${dims} coordinates exceed 2^20 values`);
  }
  const c = rng.fillUniform(new Float64Array(classes * dims), -box, box);
  const x = rng.fillNormal(new Float32Array(n * dims));
  const y = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const k = j % classes;
    for (let t = 0; t < dims; t++)
      x[j * dims + t] = (c[k * dims + t] as number) + noise * (x[j * dims + t] as number);
    y[j] = k;
  }
  return { x, y, shape: [n, dims], yShape: [n], classes, centers: new Float32Array(c) };
}
