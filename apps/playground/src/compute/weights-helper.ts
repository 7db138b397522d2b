/**
 * The compute worker's side of the weights helper (see worker/weights-protocol.ts): asks it for some layers and
 * gives back one promise per layer. A promise is rejected when a newer request supersedes its job or the helper
 * fails, or when the caller takes the layer for itself ({@link WeightsHelper.limit}); the caller then draws that
 * layer itself, so nothing ever waits on a helper that stopped.
 */
import type { SchemeConfigJson } from '../scheme-catalog';
import { createNextTurn } from '../worker/next-turn';
import type { FromWeightsHelper, MessagePortLike } from '../worker/weights-protocol';
import type { LayerWeights } from './layer-weights';

interface Pending {
  readonly resolve: (w: LayerWeights) => void;
  readonly reject: (e: Error) => void;
}

export class WeightsHelper {
  private job = 0;
  private pending = new Map<number, Pending>();
  private broken = false;

  /**
   * `nextTurn`: a turn of this thread's event loop, after which the helper's messages that had arrived are
   * handled (see `LayerSupply` in weight-cache.ts, which draws layers itself between turns while it waits).
   */
  constructor(
    private readonly port: MessagePortLike,
    readonly nextTurn: () => Promise<void> = createNextTurn(),
  ) {
    port.addEventListener('message', (event) => this.receive(event.data as FromWeightsHelper));
    port.addEventListener('error', () => {
      this.broken = true;
      this.settle(new Error('the weights helper stopped'));
    });
  }

  /** False once the helper failed: then every layer is drawn by the caller. */
  get available(): boolean {
    return !this.broken;
  }

  /** Starts a job for `layers` (superseding the previous one) and returns a promise per layer. */
  request(scheme: SchemeConfigJson, width: number, seed: number, layers: readonly number[]) {
    this.settle(new Error('superseded'));
    const job = ++this.job;
    const out = new Map<number, Promise<LayerWeights>>();
    if (this.broken || layers.length === 0) return out;
    for (const l of layers) {
      const p = new Promise<LayerWeights>((resolve, reject) => this.pending.set(l, { resolve, reject }));
      // A superseded promise nobody awaits is not an unhandled rejection.
      p.catch(() => undefined);
      out.set(l, p);
    }
    this.port.postMessage({ type: 'job', job, scheme, width, seed, layers });
    return out;
  }

  /**
   * Layers `below..` of the current job are drawn by the caller: the helper is told to skip them, and their
   * promises are rejected (with "drawn here"; nobody waits on them).
   */
  limit(below: number): void {
    if (this.broken) return;
    this.port.postMessage({ type: 'limit', job: this.job, below });
    for (const [l, p] of this.pending) {
      if (l < below) continue;
      this.pending.delete(l);
      p.reject(new Error('drawn here'));
    }
  }

  private receive(m: FromWeightsHelper): void {
    if (m?.job !== this.job) return;
    if (m.type === 'error') {
      this.settle(new Error(m.message));
      return;
    }
    const p = this.pending.get(m.l);
    this.pending.delete(m.l);
    p?.resolve(m.weights);
  }

  private settle(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
