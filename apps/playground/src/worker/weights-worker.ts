/** The weights helper worker, started by the compute worker (see weights-runner.ts). */
import { createNextTurn } from './next-turn';
import { createWeightsRunner } from './weights-runner';

interface HelperScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const scope = self as unknown as HelperScope;
const runner = createWeightsRunner(
  (message, transfer) => scope.postMessage(message, transfer),
  createNextTurn(),
);
scope.addEventListener('message', (event) => void runner.receive(event.data));
