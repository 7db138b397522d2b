import type { Rng } from './random-source';
import type { FloatArray } from './tensor';

/** `out[i] ~ N(mean, std^2)`; std 0 writes `mean` without drawing. */
export function sampleNormal(out: FloatArray, rng: Rng, mean: number, std: number): void {
  if (std === 0) out.fill(mean);
  else rng.fillNormal(out, mean, std);
}

/** `out[i] ~ U[low, high)`; an empty interval writes `low` without drawing. */
export function sampleUniform(out: FloatArray, rng: Rng, low: number, high: number): void {
  if (low === high) out.fill(low);
  else rng.fillUniform(out, low, high);
}

/**
 * `out[i] ~ N(mean, std^2)` restricted to `[lower, upper]` (absolute bounds). std 0 writes the
 * clamped mean. Bounds are passed in increasing order whatever the caller's sign conventions.
 */
export function sampleTruncatedNormal(
  out: FloatArray,
  rng: Rng,
  mean: number,
  std: number,
  lower: number,
  upper: number,
): void {
  if (std === 0 || lower === upper) out.fill(Math.min(upper, Math.max(lower, mean)));
  else rng.fillTruncatedNormal(out, mean, std, lower, upper);
}
