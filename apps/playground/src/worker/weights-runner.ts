/**
 * The weights helper's side: runs one job at a time, one layer per turn of the event loop, and drops a job as
 * soon as a newer one arrives (a later seed change makes its layers useless). A limit for the running job makes
 * it skip the layers the compute worker has taken for itself. Independent of the Worker global, so that it runs
 * in Node tests.
 */
import { drawLayer, layerBuffers } from '../compute/layer-weights';
import type { FromWeightsHelper } from './weights-protocol';
import { parseWeightsMessage } from './weights-protocol';

export type PostFromHelper = (message: FromWeightsHelper, transfer: ArrayBuffer[]) => void;

export function createWeightsRunner(post: PostFromHelper, yieldToEvents: () => Promise<void>) {
  let current = -1;
  let below = Number.POSITIVE_INFINITY;
  return {
    /** Handles one incoming message (anything: it is checked first; a bad one is ignored). */
    async receive(data: unknown): Promise<void> {
      const message = parseWeightsMessage(data);
      if (typeof message === 'string') return;
      if (message.type === 'limit') {
        if (message.job === current) below = Math.min(below, message.below);
        return;
      }
      const job = message;
      current = job.job;
      below = Number.POSITIVE_INFINITY;
      for (const l of job.layers) {
        await yieldToEvents();
        if (current !== job.job) return;
        if (l >= below) continue;
        try {
          const weights = drawLayer(job.scheme, job.width, job.seed, l);
          post({ type: 'layer', job: job.job, l, weights }, layerBuffers(weights));
        } catch (e) {
          post({ type: 'error', job: job.job, message: e instanceof Error ? e.message : String(e) }, []);
          return;
        }
      }
    },
  };
}
