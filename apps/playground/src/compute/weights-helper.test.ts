import { describe, expect, it } from 'vitest';
import type { MessagePortLike } from '../worker/weights-protocol';
import { createWeightsRunner } from '../worker/weights-runner';
import { runSignal, type SignalParams } from './signal';
import { WeightCache } from './weight-cache';
import { WeightsHelper } from './weights-helper';

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A helper connected in process, with every message structured-cloned (buffers transferred) as between workers. */
function inProcessHelper(options: { failAfter?: number } = {}) {
  const listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  const emit = (type: string, data?: unknown) => {
    for (const l of listeners.get(type) ?? []) l({ data } as MessageEvent);
  };
  const posted: { type: string; l?: number; job: number }[] = [];
  const runner = createWeightsRunner((message, transfer) => {
    posted.push({
      type: message.type,
      job: message.job,
      ...(message.type === 'layer' ? { l: message.l } : {}),
    });
    const copy = structuredClone(message, { transfer });
    setTimeout(() => {
      if (options.failAfter !== undefined && posted.length > options.failAfter) emit('error');
      else emit('message', copy);
    }, 0);
  }, macrotask);
  const port: MessagePortLike = {
    postMessage: (message) => {
      const copy = structuredClone(message);
      setTimeout(() => void runner.receive(copy), 0);
    },
    addEventListener: (type, listener) => {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
  };
  return { helper: new WeightsHelper(port, macrotask), posted, runner };
}

const params: SignalParams = {
  activation: 'tanh',
  scheme: { name: 'orthogonal', gain: 1.2 },
  depth: 12,
  width: 64,
  biasStd: 0.1,
  input: 'normal',
  batch: 16,
  seed: 3,
};

describe('weights helper', () => {
  it('gives the same results as drawing every layer on one thread, for factored and dense layers', async () => {
    for (const scheme of [params.scheme, { name: 'he_normal', mode: 'fan_in', nonlinearity: 'relu' }]) {
      const { helper, posted } = inProcessHelper();
      const p = { ...params, scheme };
      const alone = await runSignal(p);
      const shared = await runSignal(p, new WeightCache(), helper);
      expect(shared.preRms).toEqual(alone.preRms);
      expect(shared.gradRatio).toEqual(alone.gradRatio);
      expect(shared.heat).toEqual(alone.heat);
      // The helper sent a first run of layers, and this thread drew the rest from the last one down.
      const sent = posted.map((m) => m.l as number);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.length).toBeLessThan(p.depth);
      expect(sent).toEqual(Array.from({ length: sent.length }, (_, i) => i + 1));
    }
  });

  it('drops a superseded job, and its layers are drawn here if ever needed', async () => {
    const { helper, posted } = inProcessHelper();
    const cache = new WeightCache();
    const stale = cache.get(params.scheme, 64, 99, 12, helper).entries[0];
    const fresh = await runSignal(params, cache, helper);
    expect(fresh).toMatchObject({ measuredDepth: 12 });
    await expect(stale).rejects.toThrow('superseded');
    await macrotask();
    // The old job stopped as soon as the new one arrived: at most its first layer was sent.
    expect(posted.filter((m) => m.job === 1).length).toBeLessThanOrEqual(1);
    expect((await runSignal(params)).preRms).toEqual(fresh.preRms);
  });

  it('falls back to drawing here when the helper stops, and stops asking it', async () => {
    const { helper } = inProcessHelper({ failAfter: 2 });
    const alone = await runSignal(params);
    const r = await runSignal(params, new WeightCache(), helper);
    expect(r.preRms).toEqual(alone.preRms);
    expect(helper.available).toBe(false);
    expect(helper.request(params.scheme, 64, 1, [1, 2]).size).toBe(0);
  });

  it('reports a bad scheme as the single-thread run does', async () => {
    const { helper } = inProcessHelper();
    const bad = { ...params, scheme: { name: 'orthogonal', gian: 1 } };
    await expect(runSignal(bad, new WeightCache(), helper)).rejects.toThrow('gian');
  });

  it('skips the layers the compute worker takes for itself, and rejects their promises', async () => {
    const { helper, posted } = inProcessHelper();
    const layers = helper.request(params.scheme, 16, 5, [1, 2, 3, 4, 5]);
    helper.limit(3);
    await expect(layers.get(3)).rejects.toThrow('drawn here');
    await expect(layers.get(5)).rejects.toThrow('drawn here');
    await expect(layers.get(2)).resolves.toMatchObject({ kind: 'factored' });
    for (let i = 0; i < 10; i++) await macrotask();
    expect(posted.map((m) => m.l)).toEqual([1, 2]);
  });

  it('ignores malformed jobs', async () => {
    const { runner, posted } = inProcessHelper();
    for (const m of [
      null,
      1,
      { type: 'job' },
      { type: 'job', job: 1, scheme: {}, width: 1e9, seed: 1, layers: [] },
      { type: 'limit', job: 1, below: -1 },
      { type: 'limit', below: 2 },
    ])
      await runner.receive(m);
    await runner.receive({ type: 'job', job: 1, scheme: params.scheme, width: 8, seed: 1, layers: [0, 1] });
    expect(posted).toEqual([]);
  });
});
