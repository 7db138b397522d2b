import { keyFillNormal, keyFillTruncatedNormal, keyFillUniform } from '@init/rng';
import { isSeedSource, type RandomSource } from './random-source';
import type { FloatArray } from './tensor';

/*
 * The single-fill samplers of the elementwise schemes. A seed is drawn through its key, which gives the
 * values of `createRng(seed)`'s first fill without building the stream; an Rng is advanced as usual.
 */

/** `out[i] ~ N(mean, std^2)`; std 0 writes `mean` without drawing. */
export function sampleNormal(out: FloatArray, source: RandomSource, mean: number, std: number): void {
  if (std === 0) out.fill(mean);
  else if (isSeedSource(source)) keyFillNormal(source.key, out, mean, std);
  else source.fillNormal(out, mean, std);
}

/** `out[i] ~ U[low, high)`; an empty interval writes `low` without drawing. */
export function sampleUniform(out: FloatArray, source: RandomSource, low: number, high: number): void {
  if (low === high) out.fill(low);
  else if (isSeedSource(source)) keyFillUniform(source.key, out, low, high);
  else source.fillUniform(out, low, high);
}

/**
 * `out[i] ~ N(mean, std^2)` restricted to `[lower, upper]` (absolute bounds). std 0 writes the
 * clamped mean. Bounds are passed in increasing order whatever the caller's sign conventions.
 */
export function sampleTruncatedNormal(
  out: FloatArray,
  source: RandomSource,
  mean: number,
  std: number,
  lower: number,
  upper: number,
): void {
  if (std === 0 || lower === upper) out.fill(Math.min(upper, Math.max(lower, mean)));
  else if (isSeedSource(source)) keyFillTruncatedNormal(source.key, out, mean, std, lower, upper);
  else source.fillTruncatedNormal(out, mean, std, lower, upper);
}
