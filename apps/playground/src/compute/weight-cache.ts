/**
 * The signal view's weights, kept between runs: a control that does not change the weights
 * (activation, bias, input, batch, depth within what was drawn) reuses them instead of drawing again.
 * Layer l's weights depend only on (scheme, width, seed, l), since each is drawn from the stream
 * `createRng(seed).fork('<l>.weight')`, so a cached layer equals a fresh one bit for bit, whichever thread drew it.
 * Orthogonal layers are kept as their reflector factors (see layer-weights.ts).
 *
 * With a {@link WeightsHelper}, the layers not cached are split between two threads from both ends: the helper
 * draws them in increasing order, and this thread, which also runs the forward pass, draws from the last layer
 * down whenever the next layer the pass needs has not arrived yet (see {@link LayerSupply.take}). So neither
 * thread waits while there is a layer left to draw, whatever their relative speed, and the two meet where their
 * shares balance.
 */
import type { SchemeConfigJson } from '../scheme-catalog';
import { drawLayer, type LayerWeights } from './layer-weights';
import type { WeightsHelper } from './weights-helper';

/** The cache holds at most this many float32 values (64 MiB). */
export const MAX_CACHED_VALUES = 16 * 1024 * 1024;

/** A layer's weights, their arrival from the helper, or (undefined) not drawn yet. */
export type PendingLayer = LayerWeights | Promise<LayerWeights> | undefined;

type Settle = (l: number, from: PendingLayer, w: LayerWeights) => void;

/** The layers 1..depth of one run (index l − 1 holds layer l). */
export class LayerSupply {
  /** Layers `tail + 1 ..` that the helper was asked for have been taken back by this thread. */
  private tail: number;

  /** @internal Built by {@link WeightCache.get}. */
  constructor(
    readonly entries: PendingLayer[],
    private readonly draw: (l: number) => LayerWeights,
    private readonly settle: Settle,
    private readonly helper: WeightsHelper | undefined,
  ) {
    this.tail = entries.length;
  }

  /**
   * Layer `l`'s weights. While layer `l` is still on its way from the helper, this thread draws the highest layer
   * the helper has not sent yet (telling the helper to stop short of it) and gives the helper's messages a turn,
   * until layer `l` is there or every later layer is drawn; then it waits for layer `l`, or draws it if the helper
   * cannot send it.
   */
  async take(l: number): Promise<LayerWeights> {
    for (;;) {
      const e = this.entries[l - 1];
      if (e === undefined) return this.drawHere(l, e);
      if (!(e instanceof Promise)) return e;
      if (this.helper === undefined || this.tail <= l) break;
      const t = this.tail--;
      const last = this.entries[t - 1];
      // Already here (the helper got that far): nothing to draw, no turn to give.
      if (!(last instanceof Promise)) continue;
      this.helper.limit(t);
      this.drawHere(t, last);
      await this.helper.nextTurn();
    }
    try {
      return (await this.entries[l - 1]) as LayerWeights;
    } catch {
      // Superseded, or the helper stopped: draw it here (unless it arrived meanwhile).
      const now = this.entries[l - 1];
      return now === undefined || now instanceof Promise ? this.drawHere(l, now) : now;
    }
  }

  private drawHere(l: number, from: PendingLayer): LayerWeights {
    const w = this.draw(l);
    this.settle(l, from, w);
    return w;
  }
}

export class WeightCache {
  private key = '';
  private layers: PendingLayer[] = [];

  /** The weights of layers 1..depth: the cached ones, the rest asked of the helper or drawn when taken. */
  get(
    scheme: SchemeConfigJson,
    width: number,
    seed: number,
    depth: number,
    helper?: WeightsHelper,
  ): LayerSupply {
    const key = JSON.stringify([scheme, width, seed]);
    if (key !== this.key) {
      this.key = key;
      this.layers = [];
    }
    const entries: PendingLayer[] = [];
    const missing: number[] = [];
    for (let l = 1; l <= depth; l++) {
      const e = this.layers[l - 1];
      entries.push(e);
      if (e === undefined) missing.push(l);
    }
    // The cache holds this run's array, so that what the run draws or receives is kept (within the budget).
    if (depth >= this.layers.length && depth * width * width <= MAX_CACHED_VALUES) this.layers = entries;
    const settle: Settle = (l, from, w) => {
      if (entries[l - 1] === from) entries[l - 1] = w;
      const cached = this.key === key && this.layers !== entries && l <= this.layers.length;
      if (cached && this.layers[l - 1] === from) this.layers[l - 1] = w;
    };
    const useHelper = helper?.available === true && missing.length > 1;
    if (useHelper) this.ask(helper, key, { scheme, width, seed }, missing, entries, settle);
    const draw = (l: number) => drawLayer(scheme, width, seed, l);
    return new LayerSupply(entries, draw, settle, useHelper ? helper : undefined);
  }

  /** Asks the helper for `missing` (in increasing order); each arrival replaces its promise in the entries. */
  private ask(
    helper: WeightsHelper,
    key: string,
    job: { scheme: SchemeConfigJson; width: number; seed: number },
    missing: readonly number[],
    entries: PendingLayer[],
    settle: Settle,
  ): void {
    for (const [l, p] of helper.request(job.scheme, job.width, job.seed, missing)) {
      entries[l - 1] = p;
      p.then(
        (w) => settle(l, p, w),
        () => {
          // Not sent: forget it, so that a later run draws it (the run that holds `entries` does so itself).
          if (entries[l - 1] === p) entries[l - 1] = undefined;
          if (this.key === key && this.layers[l - 1] === p) this.layers[l - 1] = undefined;
        },
      );
    }
  }
}
