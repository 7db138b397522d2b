/** The compute worker: every heavy computation of the playground runs here, off the page's thread. */
import { createDispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { type FromWorker, transferables } from './protocol';

interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const scope = self as unknown as WorkerScope;
const dispatcher = createDispatcher(createHandlers(), (message: FromWorker) => {
  scope.postMessage(message, message.type === 'result' ? transferables(message.result) : []);
});
scope.addEventListener('message', (event) => dispatcher.receive(event.data));
