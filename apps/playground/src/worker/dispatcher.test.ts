import { describe, expect, it } from 'vitest';
import { CancelledError, WorkerClient, type WorkerLike } from './client';
import { createDispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import type { FromWorker, Handlers, ToWorker } from './protocol';

/** Handlers that echo, fail or run in chunks, to test the dispatcher alone. */
function fakeHandlers(log: string[]): Handlers {
  const h = createHandlers();
  return {
    ...h,
    signal: (p) => {
      log.push(`signal ${p.depth}`);
      if (p.depth === 13) throw new Error('unlucky depth');
      return { depth: p.depth } as never;
    },
    train: async (p, ctx) => {
      for (let s = 0; s < p.steps; s++) {
        log.push(`step ${s}`);
        await ctx.yieldToEvents();
        if (ctx.cancelled()) break;
      }
      return { step: p.steps } as never;
    },
  };
}

function setup() {
  const log: string[] = [];
  const out: FromWorker[] = [];
  const d = createDispatcher(fakeHandlers(log), (m) => out.push(m));
  return { log, out, d };
}

const req = (id: number, kind: string, params: object): ToWorker =>
  ({ type: 'request', id, kind, params }) as ToWorker;

describe('dispatcher', () => {
  it('answers each request once, in order', async () => {
    const { out, d } = setup();
    d.receive(req(1, 'signal', { depth: 3 }));
    d.receive(req(2, 'signal', { depth: 4 }));
    await d.idle();
    expect(out).toEqual([
      { type: 'result', id: 1, kind: 'signal', result: { depth: 3 } },
      { type: 'result', id: 2, kind: 'signal', result: { depth: 4 } },
    ]);
  });

  it('turns a handler error into an error answer', async () => {
    const { out, d } = setup();
    d.receive(req(5, 'signal', { depth: 13 }));
    await d.idle();
    expect(out).toEqual([{ type: 'error', id: 5, message: 'unlucky depth' }]);
  });

  it('drops a queued request that is cancelled before it runs', async () => {
    const { out, log, d } = setup();
    d.receive(req(1, 'signal', { depth: 1 }));
    d.receive(req(2, 'signal', { depth: 2 }));
    d.receive({ type: 'cancel', id: 2 });
    await d.idle();
    expect(log).toEqual(['signal 1']);
    expect(out.map((m) => [m.type, m.id])).toEqual([
      ['cancelled', 2],
      ['result', 1],
    ]);
  });

  it('stops a running request at its next check and answers cancelled', async () => {
    const { out, log, d } = setup();
    d.receive(req(7, 'train', { steps: 100 }));
    await new Promise((r) => setTimeout(r, 5));
    d.receive({ type: 'cancel', id: 7 });
    await d.idle();
    expect(log.length).toBeLessThan(100);
    expect(out).toEqual([{ type: 'cancelled', id: 7 }]);
  });

  it('rejects malformed messages without running anything', async () => {
    const { out, log, d } = setup();
    d.receive(null);
    d.receive('hello');
    d.receive({ type: 'request', id: -1, kind: 'signal', params: {} });
    d.receive({ type: 'request', id: 3, kind: '__proto__', params: {} });
    d.receive({ type: 'request', id: 4, kind: 'signal' });
    d.receive({ type: 'launch', id: 5 });
    d.receive({ type: 'cancel', id: 99 });
    await d.idle();
    expect(log).toEqual([]);
    expect(out.map((m) => [m.type, m.id])).toEqual([
      ['error', 3],
      ['error', 4],
      ['error', 5],
    ]);
  });
});

/** A WorkerLike that runs a dispatcher in-process, delivering messages asynchronously like a Worker. */
function inProcessWorker(handlers: Handlers): WorkerLike {
  const listeners: Array<(e: { data: FromWorker }) => void> = [];
  const d = createDispatcher(handlers, (m) =>
    setTimeout(() => {
      for (const l of listeners) l({ data: m });
    }, 0),
  );
  return {
    postMessage: (m) => setTimeout(() => d.receive(structuredClone(m)), 0),
    addEventListener: ((type: string, l: (e: { data: FromWorker }) => void) => {
      if (type === 'message') listeners.push(l);
    }) as WorkerLike['addEventListener'],
  };
}

describe('WorkerClient', () => {
  it('resolves results and rejects errors', async () => {
    const c = new WorkerClient(inProcessWorker(fakeHandlers([])));
    await expect(c.request('signal', { depth: 2 } as never)).resolves.toEqual({ depth: 2 });
    await expect(c.request('signal', { depth: 13 } as never)).rejects.toThrow('unlucky depth');
    expect(c.pendingCount).toBe(0);
  });

  it('cancels the previous request of a channel (latest wins)', async () => {
    const log: string[] = [];
    const c = new WorkerClient(inProcessWorker(fakeHandlers(log)));
    const first = c.request('signal', { depth: 1 } as never, { channel: 'signal' });
    const second = c.request('signal', { depth: 2 } as never, { channel: 'signal' });
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    await expect(second).resolves.toEqual({ depth: 2 });
    expect(log).toEqual(['signal 2']);
  });

  it('passes real results through structured cloning', async () => {
    const c = new WorkerClient(inProcessWorker(createHandlers()));
    const r = await c.request('signal', {
      activation: 'tanh',
      scheme: { name: 'xavier_normal', gain: 1 },
      depth: 4,
      width: 16,
      biasStd: 0.1,
      input: 'uniform',
      batch: 8,
      seed: 3,
    });
    expect(r.measuredDepth).toBe(4);
    expect(r.heat).toBeInstanceOf(Float32Array);
  });
});
