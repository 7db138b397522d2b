/** The weights helper worker, started by the compute worker (see weights-runner.ts). */
import { createWeightsRunner } from './weights-runner';

interface HelperScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const scope = self as unknown as HelperScope;
// A zero-delay turn of the event loop (setTimeout clamps to 4 ms once nested), so that a newer job is seen.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEvents = (): Promise<void> =>
  new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
const runner = createWeightsRunner(
  (message, transfer) => scope.postMessage(message, transfer),
  yieldToEvents,
);
scope.addEventListener('message', (event) => void runner.receive(event.data));
