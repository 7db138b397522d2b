import { describe, expect, it } from 'vitest';
import { createHandlers } from './handlers';

const ctx = { cancelled: () => false, yieldToEvents: () => Promise.resolve() };

describe('handlers', () => {
  const h = createHandlers();

  it('inspect: an orthogonal matrix has all singular values equal to the gain', async () => {
    const r = await h.inspect({ scheme: { name: 'orthogonal', gain: 2 }, rows: 32, cols: 32, seed: 1 }, ctx);
    expect(r.tensor.singular).toHaveLength(32);
    for (const s of r.tensor.singular) expect(s).toBeCloseTo(2, 4);
    expect(r.tensor.histogram.intended).not.toBeNull();
    expect(r.tensor.pattern.filled.every((v) => v === 1)).toBe(true);
  });

  it('inspect: a sparse matrix shows its zeros and an identity its diagonal', async () => {
    const sparse = await h.inspect(
      { scheme: { name: 'sparse', sparsity: 0.9, std: 0.01 }, rows: 40, cols: 20, seed: 1 },
      ctx,
    );
    expect(sparse.tensor.summary.zeros).toBeCloseTo(0.9, 2);
    const eye = await h.inspect({ scheme: { name: 'identity', gain: 1 }, rows: 8, cols: 8, seed: 1 }, ctx);
    expect(Array.from(eye.tensor.pattern.filled)).toEqual(
      Array.from({ length: 64 }, (_, i) => (i % 9 === 0 ? 1 : 0)),
    );
    expect(eye.tensor.histogram.intended).toBeNull();
  });

  it('encode + inspect-file: a downloaded .safetensors file reads back the same tensor', async () => {
    const params = {
      scheme: { name: 'he_normal', mode: 'fan_in', nonlinearity: 'relu' },
      rows: 16,
      cols: 8,
      seed: 5,
    };
    const file = await h.encode({ ...params, format: 'safetensors' }, ctx);
    expect(file.filename).toBe('he_normal-16x8-seed5.safetensors');
    const back = await h['inspect-file']({ bytes: file.bytes, name: file.filename }, ctx);
    expect(back.totalTensors).toBe(1);
    const direct = await h.inspect(params, ctx);
    expect(back.tensors[0]?.summary).toEqual(direct.tensor.summary);
    expect(back.metadata.seed).toBe('5');
    const npy = await h.encode({ ...params, format: 'npy' }, ctx);
    expect(Array.from(npy.bytes.subarray(1, 6), (b) => String.fromCharCode(b)).join('')).toBe('NUMPY');
    const json = JSON.parse(
      new TextDecoder().decode((await h.encode({ ...params, format: 'json' }, ctx)).bytes),
    );
    expect(json.shape).toEqual([16, 8]);
    expect(json.data).toHaveLength(128);
  });

  it('inspect-file: corrupt bytes give a clear error', async () => {
    await expect(async () =>
      h['inspect-file']({ bytes: new Uint8Array([1, 2, 3]), name: 'x' }, ctx),
    ).rejects.toThrow();
  });

  it('advise: a form answer loads He for a deep ReLU MLP', async () => {
    const r = await h.advise(
      {
        mode: 'form',
        activation: 'relu',
        architecture: 'mlp',
        depth: 50,
        width: 256,
        normalization: 'none',
        preset: 'digit_recognition',
        text: '',
      },
      ctx,
    );
    expect(r.scheme).toContain('he_normal');
    expect(r.load.settings.scheme).toBe('he_normal');
    expect(r.load.activation).toBe('relu');
    expect(r.reasons.length).toBeGreaterThan(0);
  });

  it('advise: presets and words give an answer with a matched use case', async () => {
    const base = {
      activation: 'relu',
      architecture: 'mlp',
      depth: 10,
      width: 64,
      normalization: 'none',
      text: '',
    } as const;
    const preset = await h.advise({ ...base, mode: 'preset', preset: 'selu_stock_prediction' }, ctx);
    expect(preset.load.settings.scheme).toBe('lecun_normal');
    expect(preset.load.activation).toBe('selu');
    const words = await h.advise(
      { ...base, mode: 'words', preset: 'digit_recognition', text: 'face detection on a low-power chip' },
      ctx,
    );
    expect(words.useCase).toContain('face');
    expect(words.load.settings.scheme).toBe('sparse');
  });

  it('train: the loss on XOR goes down and every init sees the same batches', async () => {
    const params = {
      data: 'xor' as const,
      noise: 0.1,
      config: {
        depth: 2,
        width: 16,
        activation: 'tanh' as const,
        inits: [{ scheme: 'xavier_uniform' as const }, { scheme: 'xavier_uniform' as const }],
        lr: 0.03,
        batchSize: 32,
        optimizer: 'adam' as const,
        seed: 1,
      },
      steps: 150,
      reset: true,
      boundaryGrid: 8,
    };
    const r = await h.train(params, ctx);
    expect(r.step).toBe(150);
    const [a, b] = r.contestants;
    expect(a?.losses).toEqual(b?.losses);
    const first = (a?.losses[0] ?? 0) as number;
    const last = (a?.losses.slice(-10).reduce((s, v) => s + v, 0) ?? 0) / 10;
    expect(last).toBeLessThan(first * 0.5);
    expect(a?.accuracy.at(-1)).toBeGreaterThan(0.8);
    expect(r.boundary?.classes[0]).toHaveLength(64);
    expect(a?.gradNorms).toHaveLength(3);
    const more = await h.train({ ...params, reset: false, steps: 10 }, ctx);
    expect(more.step).toBe(160);
  });

  it('rnn: trains three recurrent inits and reports the gradient over time', async () => {
    const r = await h.rnn(
      {
        config: {
          task: 'adding',
          length: 10,
          hidden: 8,
          activation: 'tanh',
          normalSigma: 1,
          lr: 0.01,
          batchSize: 8,
          seed: 1,
        },
        steps: 5,
        reset: true,
      },
      ctx,
    );
    expect(r.contestants.map((c) => c.label)).toEqual(['orthogonal', 'identity', 'normal(σ=1/√8)']);
    for (const c of r.contestants) {
      expect(c.losses).toHaveLength(5);
      expect(c.memory).toHaveLength(10);
      expect(c.memory[9]).toBe(1);
    }
    expect(r.baseline).toBeCloseTo(1 / 6, 12);
    const copy = await h.rnn(
      {
        config: {
          task: 'copy',
          length: 5,
          hidden: 8,
          activation: 'relu',
          normalSigma: 1,
          lr: 0.01,
          batchSize: 4,
          seed: 1,
        },
        steps: 2,
        reset: true,
      },
      ctx,
    );
    expect(copy.steps).toBe(25);
    expect(copy.contestants[0]?.memory).toHaveLength(25);
  });
});
