/**
 * The page side of the protocol: `request(kind, params)` returns a promise of the result. A request
 * sent on a `channel` cancels the previous one still pending on that channel (latest wins), and its
 * promise rejects with {@link CancelledError}, which callers ignore.
 */
import type { FromWorker, RequestKind, RequestMap, ToWorker } from './protocol';

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** The part of a Worker the client uses (a Worker, or an in-process stand-in in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: FromWorker }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  channel?: string;
}

export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly channels = new Map<string, number>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event) => this.onMessage(event.data));
    worker.addEventListener('error', (event) => {
      const err = new Error(`the compute worker failed: ${event.message ?? 'unknown error'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.channels.clear();
    });
  }

  request<K extends RequestKind>(
    kind: K,
    params: RequestMap[K]['params'],
    options: { channel?: string; transfer?: Transferable[] } = {},
  ): Promise<RequestMap[K]['result']> {
    const id = this.nextId++;
    if (options.channel !== undefined) {
      const previous = this.channels.get(options.channel);
      if (previous !== undefined) this.cancel(previous);
      this.channels.set(options.channel, id);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, channel: options.channel });
      const message: ToWorker = { type: 'request', id, kind, params };
      this.worker.postMessage(message, options.transfer ?? []);
    });
  }

  /** Cancels request `id`: its promise rejects now, and the worker skips or abandons it. */
  cancel(id: number): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    this.pending.delete(id);
    if (p.channel !== undefined && this.channels.get(p.channel) === id) this.channels.delete(p.channel);
    this.worker.postMessage({ type: 'cancel', id });
    p.reject(new CancelledError());
  }

  /** Cancels whatever is pending on `channel`. */
  cancelChannel(channel: string): void {
    const id = this.channels.get(channel);
    if (id !== undefined) this.cancel(id);
  }

  /** Number of requests still waiting for an answer. */
  get pendingCount(): number {
    return this.pending.size;
  }

  private onMessage(msg: FromWorker): void {
    const p = this.pending.get(msg.id);
    if (p === undefined) return; // cancelled on this side already
    this.pending.delete(msg.id);
    if (p.channel !== undefined && this.channels.get(p.channel) === msg.id) this.channels.delete(p.channel);
    if (msg.type === 'result') p.resolve(msg.result);
    else if (msg.type === 'error') p.reject(new Error(msg.message));
    else p.reject(new CancelledError());
  }
}
