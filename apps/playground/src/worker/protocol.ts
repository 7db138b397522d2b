/**
 * The typed message protocol between the page and the compute worker.
 *
 * Page -> worker: `{ type: 'request', id, kind, params }` and `{ type: 'cancel', id }`.
 * Worker -> page: exactly one of `{ type: 'result', id, kind, result }`, `{ type: 'error', id, message }`
 * or `{ type: 'cancelled', id }` per request id. Ids are positive integers chosen by the page.
 */
import type { AdviseParams, AdviseResult } from '../compute/advise';
import type {
  EncodeParams,
  EncodeResult,
  InspectFileParams,
  InspectFileResult,
  InspectParams,
  InspectResult,
} from '../compute/inspect';
import type { RnnParams, RnnResult } from '../compute/rnn';
import type { SignalParams, SignalResult } from '../compute/signal';
import type { TrainParams, TrainResult } from '../compute/train';

/** Every request kind with its parameter and result types. */
export interface RequestMap {
  signal: { params: SignalParams; result: SignalResult };
  inspect: { params: InspectParams; result: InspectResult };
  'inspect-file': { params: InspectFileParams; result: InspectFileResult };
  encode: { params: EncodeParams; result: EncodeResult };
  advise: { params: AdviseParams; result: AdviseResult };
  train: { params: TrainParams; result: TrainResult };
  rnn: { params: RnnParams; result: RnnResult };
}

export type RequestKind = keyof RequestMap;
export const REQUEST_KINDS: readonly RequestKind[] = [
  'signal',
  'inspect',
  'inspect-file',
  'encode',
  'advise',
  'train',
  'rnn',
];

export interface RequestMessage<K extends RequestKind = RequestKind> {
  readonly type: 'request';
  readonly id: number;
  readonly kind: K;
  readonly params: RequestMap[K]['params'];
}

export interface CancelMessage {
  readonly type: 'cancel';
  readonly id: number;
}

export type ToWorker = RequestMessage | CancelMessage;

export interface ResultMessage<K extends RequestKind = RequestKind> {
  readonly type: 'result';
  readonly id: number;
  readonly kind: K;
  readonly result: RequestMap[K]['result'];
}

export interface ErrorMessage {
  readonly type: 'error';
  readonly id: number;
  readonly message: string;
}

export interface CancelledMessage {
  readonly type: 'cancelled';
  readonly id: number;
}

export type FromWorker = ResultMessage | ErrorMessage | CancelledMessage;

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/** Checks the envelope of a message to the worker (the handlers check their own parameters). */
export function parseToWorker(data: unknown): ToWorker | string {
  if (typeof data !== 'object' || data === null) return 'a message must be an object';
  const m = data as Record<string, unknown>;
  if (!isId(m.id)) return 'a message needs a positive integer id';
  if (m.type === 'cancel') return { type: 'cancel', id: m.id };
  if (m.type !== 'request') return `unknown message type ${String(m.type).slice(0, 20)}`;
  if (typeof m.kind !== 'string' || !(REQUEST_KINDS as readonly string[]).includes(m.kind)) {
    return `unknown request kind ${String(m.kind).slice(0, 20)}; expected one of ${REQUEST_KINDS.join(', ')}`;
  }
  if (typeof m.params !== 'object' || m.params === null) return 'a request needs params';
  return { type: 'request', id: m.id, kind: m.kind as RequestKind, params: m.params as never };
}

/** What a handler may ask of the dispatcher while it runs. */
export interface HandlerContext {
  /** True once the page cancelled this request. Long handlers check it between chunks of work. */
  cancelled(): boolean;
  /** Lets queued messages (cancellations) arrive: resolves after pending events have run. */
  yieldToEvents(): Promise<void>;
}

/** The functions that answer each kind of request. */
export type Handlers = {
  [K in RequestKind]: (
    params: RequestMap[K]['params'],
    ctx: HandlerContext,
  ) => RequestMap[K]['result'] | Promise<RequestMap[K]['result']>;
};

/** Transferable buffers found in a result (typed arrays and array buffers at the top two levels). */
export function transferables(result: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number): void => {
    if (v instanceof ArrayBuffer) out.add(v);
    else if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) {
      if (v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) out.add(v.buffer);
    } else if (depth < 2 && typeof v === 'object' && v !== null) {
      for (const x of Object.values(v)) visit(x, depth + 1);
    }
  };
  visit(result, 0);
  return [...out];
}
