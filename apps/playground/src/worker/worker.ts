/** The compute worker: every heavy computation of the playground runs here, off the page's thread. */
import { WeightsHelper } from '../compute/weights-helper';
import { createDispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { type FromWorker, transferables } from './protocol';

interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const scope = self as unknown as WorkerScope;

/** A helper worker that draws weights on another core, when there is one (and workers can nest). */
function startHelper(): WeightsHelper | undefined {
  if (typeof Worker === 'undefined' || (navigator.hardwareConcurrency ?? 1) < 2) return undefined;
  try {
    return new WeightsHelper(new Worker(new URL('./weights-worker.ts', import.meta.url), { type: 'module' }));
  } catch {
    return undefined;
  }
}

const dispatcher = createDispatcher(createHandlers(startHelper()), (message: FromWorker) => {
  scope.postMessage(message, message.type === 'result' ? transferables(message.result) : []);
});
scope.addEventListener('message', (event) => dispatcher.receive(event.data));
