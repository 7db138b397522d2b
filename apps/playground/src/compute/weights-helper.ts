/**
 * The compute worker's side of the weights helper (see worker/weights-protocol.ts): asks it for some layers and
 * gives back one promise per layer. A promise is rejected when a newer request supersedes its job or the helper
 * fails; the caller then draws that layer itself, so nothing ever waits on a helper that stopped.
 */
import type { SchemeConfigJson } from '../scheme-catalog';
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

  constructor(private readonly port: MessagePortLike) {
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
