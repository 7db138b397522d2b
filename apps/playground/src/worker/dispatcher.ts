/**
 * The worker side of the protocol, independent of the Worker global so that it runs in Node tests:
 * requests are queued and run one at a time, a cancel drops a queued request or marks a running one
 * (which then answers `cancelled`), and every request gets exactly one answer.
 */
import {
  type FromWorker,
  type HandlerContext,
  type Handlers,
  parseToWorker,
  type RequestMessage,
} from './protocol';

export type Post = (message: FromWorker) => void;

export interface Dispatcher {
  /** Handles one incoming message (anything: it is checked first). */
  receive(data: unknown): void;
  /** Resolves when the queue is empty and nothing runs (for tests). */
  idle(): Promise<void>;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function createDispatcher(handlers: Handlers, post: Post, yieldToEvents = macrotask): Dispatcher {
  const queue: RequestMessage[] = [];
  const cancelled = new Set<number>();
  let running: Promise<void> | undefined;
  let current: number | undefined;

  async function runOne(req: RequestMessage): Promise<void> {
    if (cancelled.delete(req.id)) {
      post({ type: 'cancelled', id: req.id });
      return;
    }
    current = req.id;
    const ctx: HandlerContext = { cancelled: () => cancelled.has(req.id), yieldToEvents };
    try {
      const handler = handlers[req.kind] as (p: unknown, c: HandlerContext) => unknown;
      const result = await handler(req.params, ctx);
      if (cancelled.delete(req.id)) post({ type: 'cancelled', id: req.id });
      else post({ type: 'result', id: req.id, kind: req.kind, result } as FromWorker);
    } catch (e) {
      cancelled.delete(req.id);
      post({ type: 'error', id: req.id, message: e instanceof Error ? e.message : String(e) });
    } finally {
      current = undefined;
    }
  }

  async function drain(): Promise<void> {
    // Let messages that arrived together (a request and its cancel) all be seen before running.
    await yieldToEvents();
    for (let req = queue.shift(); req !== undefined; req = queue.shift()) {
      await runOne(req);
      await yieldToEvents();
    }
    running = undefined;
  }

  return {
    receive(data) {
      const msg = parseToWorker(data);
      if (typeof msg === 'string') {
        const id = (data as { id?: unknown } | null)?.id;
        if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0)
          post({ type: 'error', id, message: msg });
        return;
      }
      if (msg.type === 'cancel') {
        const i = queue.findIndex((r) => r.id === msg.id);
        if (i >= 0) {
          queue.splice(i, 1);
          post({ type: 'cancelled', id: msg.id });
        } else if (msg.id === current) cancelled.add(msg.id);
        return;
      }
      queue.push(msg);
      running ??= drain();
    },
    async idle() {
      while (running !== undefined) await running;
    },
  };
}
