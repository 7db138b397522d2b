/**
 * Messages between the compute worker and its weights helper: a second worker that draws layers of the signal
 * view in parallel (on another core), so a seed change does not wait for every layer's weights on one thread.
 */
import type { LayerWeights } from '../compute/layer-weights';
import type { SchemeConfigJson } from '../scheme-catalog';

/** Draw these layers (`createRng(seed).fork('<l>.weight')`), in this order; a newer job supersedes it. */
export interface WeightsJob {
  readonly type: 'job';
  readonly job: number;
  readonly scheme: SchemeConfigJson;
  readonly width: number;
  readonly seed: number;
  readonly layers: readonly number[];
}

/**
 * The compute worker draws layers `below..` of job `job` itself (it takes them from the far end while it waits):
 * the helper skips them.
 */
export interface WeightsLimit {
  readonly type: 'limit';
  readonly job: number;
  readonly below: number;
}

export type FromWeightsHelper =
  | { readonly type: 'layer'; readonly job: number; readonly l: number; readonly weights: LayerWeights }
  | { readonly type: 'error'; readonly job: number; readonly message: string };

/** The few members of a Worker (or of an in-process stand-in) the two sides use. */
export interface MessagePortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'error', listener: (event: MessageEvent) => void): void;
}

/** A job or a limit from the compute worker, or a description of what is wrong with `data`. */
export function parseWeightsMessage(data: unknown): WeightsJob | WeightsLimit | string {
  if (typeof data !== 'object' || data === null) return 'a message must be an object';
  const m = data as Record<string, unknown>;
  if (!Number.isSafeInteger(m.job)) return 'a message needs a job number';
  if (m.type === 'limit') {
    return Number.isSafeInteger(m.below) && (m.below as number) >= 1
      ? { type: 'limit', job: m.job as number, below: m.below as number }
      : 'bad limit';
  }
  if (m.type !== 'job') return 'not a job';
  if (typeof m.scheme !== 'object' || m.scheme === null) return 'a job needs a scheme';
  if (!Number.isSafeInteger(m.width) || (m.width as number) < 1 || (m.width as number) > 4096)
    return 'bad width';
  if (!Number.isSafeInteger(m.seed)) return 'bad seed';
  const layers = m.layers;
  if (
    !Array.isArray(layers) ||
    layers.length > 1000 ||
    !layers.every((l) => Number.isSafeInteger(l) && l >= 1)
  )
    return 'bad layers';
  return m as unknown as WeightsJob;
}
