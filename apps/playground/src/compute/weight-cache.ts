/**
 * The signal view's weights, kept between runs: a control that does not change the weights
 * (activation, bias, input, batch, depth within what was drawn) reuses them instead of drawing again.
 * Layer l's weights depend only on (scheme, width, seed, l), since each is drawn from the stream
 * `createRng(seed).fork('<l>.weight')`, so a cached layer equals a fresh one bit for bit.
 */
import { createRng } from '@init/rng';
import { fromConfig } from '@init/schemes';
import type { SchemeConfigJson } from '../scheme-catalog';

/** The cache holds at most this many float32 values (64 MiB). */
export const MAX_CACHED_VALUES = 16 * 1024 * 1024;

export class WeightCache {
  private key = '';
  private layers: Float32Array[] = [];

  /** The weights of layers 1..depth (index 0 is layer 1), drawing only the layers not cached yet. */
  get(scheme: SchemeConfigJson, width: number, seed: number, depth: number): Float32Array[] {
    const key = JSON.stringify([scheme, width, seed]);
    if (key !== this.key) {
      this.key = key;
      this.layers = [];
    }
    const init = fromConfig(scheme);
    const rng = createRng(seed);
    const out = this.layers.slice(0, depth);
    for (let l = out.length + 1; l <= depth; l++) {
      out.push(init.fill(new Float32Array(width * width), [width, width], rng.fork(`${l}.weight`)));
    }
    if (out.length > this.layers.length && out.length * width * width <= MAX_CACHED_VALUES) this.layers = out;
    return out;
  }
}
