import { heNormal } from '@init/schemes';
import { describe, expect, it } from 'vitest';
import { Activation } from './activation';
import { BatchNorm } from './batch-norm';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { NnError } from './errors';
import { Flatten } from './flatten';
import { initialize } from './init';
import { Model } from './model';
import { Residual } from './residual';
import { Sequential } from './sequential';

const mlp = (extra = false) =>
  new Sequential({
    fc1: new Dense({ units: 32 }),
    act1: new Activation({ name: 'relu' }),
    ...(extra ? { fcx: new Dense({ units: 32 }), actx: new Activation({ name: 'tanh' }) } : {}),
    fc2: new Dense({ units: 32 }),
    act2: new Activation({ name: 'tanh' }),
    out: new Dense({ units: 3 }),
  });

describe('initialization', () => {
  it('each parameter draws from a stream forked by its name: adding a layer changes no other weights', () => {
    const a = new Model(mlp(), { inputShape: [8], init: heNormal(), seed: 5 });
    const b = new Model(mlp(true), { inputShape: [8], init: heNormal(), seed: 5 });
    const byName = new Map(b.parameters().map((p) => [p.name, p.value]));
    for (const p of a.parameters()) expect(byName.get(p.name), p.name).toEqual(p.value);
    expect(
      a
        .parameters()
        .find((p) => p.name === 'fc1.weight')
        ?.value.some((v) => v !== 0),
    ).toBe(true);
    const c = new Model(mlp(), { inputShape: [8], init: heNormal(), seed: 6 });
    expect(c.parameters()[0]?.value).not.toEqual(a.parameters()[0]?.value);
  });

  it("'auto' asks the advisor per layer and records why", () => {
    const model = new Model(mlp(), { inputShape: [8], seed: 1 });
    const recs = model.initRecords();
    const fc1 = recs.find((r) => r.name === 'fc1.weight');
    const fc2 = recs.find((r) => r.name === 'fc2.weight');
    expect(fc1?.source).toBe('auto');
    expect(fc1?.scheme.name).toBe('he_normal');
    expect(fc2?.scheme.name).toBe('xavier_uniform'); // tanh layer
    expect(recs.find((r) => r.name === 'fc1.bias')?.scheme.name).toBe('zeros');
    const text = model.describeInit();
    expect(text).toMatch(/^parameter\s+shape\s+scheme\s+source\s+why/);
    expect(text).toMatch(/fc1\.weight\s+\[32,8\]\s+he_normal/);
    expect(text).toMatch(/relu-he: He init/);
    // empirical variance of He normal: 2 / fan_in = 0.25; 256 values, 5 sigma ≈ 0.25 · 5 · sqrt(2/256)
    const w = model.parameters()[0]?.value as Float32Array;
    let ss = 0;
    for (const v of w) ss += v * v;
    expect(Math.abs(ss / w.length - 0.25)).toBeLessThan(0.25 * 5 * Math.sqrt(2 / w.length));
  });

  it('a given scheme goes to weights; biases, gains and shifts get their role defaults', () => {
    const net = new Sequential([
      new Conv2D({ filters: 4, kernelSize: 3 }),
      new BatchNorm(),
      new Activation({ name: 'relu' }),
      new Flatten(),
      new Dense({ units: 2 }),
    ]);
    const model = new Model(net, { inputShape: [2, 5, 5], init: { name: 'xavier_normal' }, seed: 3 });
    const recs = model.initRecords();
    expect(recs.map((r) => `${r.name}:${r.scheme.name}:${r.source}`)).toEqual([
      '0.weight:xavier_normal:given',
      '0.bias:zeros:role',
      '1.weight:ones:role',
      '1.bias:zeros:role',
      '4.weight:xavier_normal:given',
      '4.bias:zeros:role',
    ]);
    expect(Array.from(model.parameters()[2]?.value ?? [])).toEqual([1, 1, 1, 1]);
  });

  it('init on one layer leaves the others alone; zero-init residual branches start as the identity', () => {
    const block = new Residual({
      body: new Sequential({
        conv1: new Dense({ units: 6 }),
        act: new Activation({ name: 'relu' }),
        conv2: new Dense({ units: 6 }),
      }),
      zeroInit: true,
    });
    const model = new Model(
      new Sequential({
        stem: new Dense({ units: 6 }),
        blocks: new Sequential([block]),
        head: new Dense({ units: 2 }),
      }),
      { inputShape: [4], seed: 2 },
    );
    expect(model.parameters().map((p) => p.name)).toContain('blocks.0.conv1.weight');
    const conv2 = model.parameters().find((p) => p.name === 'blocks.0.conv2.weight');
    expect(conv2?.value.every((v) => v === 0)).toBe(true);
    expect(model.initRecords().find((r) => r.name === 'blocks.0.conv2.weight')?.source).toBe('zero_init');
    const stem = Float32Array.from(model.parameters()[0]?.value ?? []);
    model.init('lecun_normal', { layer: 'blocks.0', rng: 9 });
    expect(model.parameters()[0]?.value).toEqual(stem);
    expect(model.initRecords().find((r) => r.name === 'blocks.0.conv1.weight')?.scheme.name).toBe(
      'lecun_normal',
    );
  });

  it('rejects bad specs with typed errors naming the parameter', () => {
    const fc = new Dense({ units: 2 });
    expect(() => initialize(fc, 'he_normal')).toThrow(/build/);
    fc.build([3], 'fc');
    expect(() => initialize(fc, 'no_such_scheme')).toThrow(NnError);
    expect(() => initialize(fc, 42 as never)).toThrow(NnError);
    expect(() => initialize(fc, { name: 'identity' }, {})).not.toThrow();
    expect(() => initialize(fc, { name: 'dirac' })).toThrow(/fc\.weight/);
  });
});
