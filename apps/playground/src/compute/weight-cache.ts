/**
 * The signal view's weights, kept between runs: a control that does not change the weights
 * (activation, bias, input, batch, depth within what was drawn) reuses them instead of drawing again.
 * Layer l's weights depend only on (scheme, width, seed, l), since each is drawn from the stream
 * `createRng(seed).fork('<l>.weight')`, so a cached layer equals a fresh one bit for bit. Orthogonal layers
 * are kept as their reflector factors (see layer-weights.ts). With a {@link WeightsHelper}, four of every seven
 * new layers are drawn by the helper worker while this thread draws the rest and starts the forward pass.
 */
import type { SchemeConfigJson } from '../scheme-catalog';
import { drawLayer, type LayerWeights } from './layer-weights';
import type { WeightsHelper } from './weights-helper';

/** The cache holds at most this many float32 values (64 MiB). */
export const MAX_CACHED_VALUES = 16 * 1024 * 1024;

/** A layer's weights, or their arrival from the helper. */
export type PendingLayer = LayerWeights | Promise<LayerWeights>;

/**
 * Whether the helper draws layer `l`: four in seven. This thread draws the other three meanwhile, and it also
 * runs the forward and backward passes, so it gets the smaller share (balanced on orthogonal layers of width 256
 * in Chromium: drawing one takes this thread about 1.4 ms and the helper 1.7 ms, with the transfer).
 */
export const helperDraws = (l: number): boolean => l % 7 !== 0 && l % 7 !== 3 && l % 7 !== 5;

export class WeightCache {
  private key = '';
  private layers: PendingLayer[] = [];

  /** The weights of layers 1..depth (index 0 is layer 1), drawing only the layers not cached yet. */
  get(
    scheme: SchemeConfigJson,
    width: number,
    seed: number,
    depth: number,
    helper?: WeightsHelper,
  ): PendingLayer[] {
    const key = JSON.stringify([scheme, width, seed]);
    if (key !== this.key) {
      this.key = key;
      this.layers = [];
    }
    const out = this.layers.slice(0, depth);
    const missing: number[] = [];
    for (let l = out.length + 1; l <= depth; l++) missing.push(l);
    // The helper starts first, so both threads draw at once.
    const remote =
      helper?.available && missing.length > 1
        ? helper.request(scheme, width, seed, missing.filter(helperDraws))
        : new Map<number, Promise<LayerWeights>>();
    for (const l of missing) {
      const p = remote.get(l);
      if (p === undefined) {
        out.push(drawLayer(scheme, width, seed, l));
        continue;
      }
      out.push(p);
      // Once it arrives the cache holds the layer itself.
      p.then(
        (w) => {
          if (this.key === key && this.layers[l - 1] === p) this.layers[l - 1] = w;
        },
        () => {
          // A new array: the run that holds `out` keeps its entries (it draws this layer itself).
          if (this.key === key && this.layers[l - 1] === p) this.layers = this.layers.slice(0, l - 1);
        },
      );
    }
    if (out.length > this.layers.length && out.length * width * width <= MAX_CACHED_VALUES) this.layers = out;
    return out;
  }
}

/** Layer `l`'s weights: the helper's when it sends them, drawn here when it cannot. */
export async function layerAt(
  pending: PendingLayer,
  scheme: SchemeConfigJson,
  width: number,
  seed: number,
  l: number,
): Promise<LayerWeights> {
  if (!(pending instanceof Promise)) return pending;
  try {
    return await pending;
  } catch {
    return drawLayer(scheme, width, seed, l);
  }
}
