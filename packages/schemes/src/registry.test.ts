import { describe, expect, it } from 'vitest';
import { CATALOG } from '../test/catalog';
import * as api from './index';

describe('registry', () => {
  it('lists every scheme with aliases, defaulted params (including multiplier), formula and when to use', () => {
    const list = api.listSchemes();
    expect(new Set(list.map((s) => s.name)).size).toBe(list.length);
    for (const s of list) {
      expect(s.formula.length).toBeGreaterThanOrEqual(5);
      expect(s.whenToUse.length).toBeGreaterThan(5);
      expect(s.params.at(-1)).toMatchObject({ name: 'multiplier', default: 1, required: false });
    }
    expect(list.find((s) => s.name === 'he_normal')?.params.map((p) => [p.name, p.default])).toEqual([
      ['mode', 'fan_in'],
      ['nonlinearity', 'relu'],
      ['slope', 0],
      ['multiplier', 1],
    ]);
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
  });

  it('resolves aliases and camelCase names and keys', () => {
    const pairs: [string, string][] = [
      ['kaiming_normal', 'he_normal'],
      ['kaimingUniform', 'he_uniform'],
      ['glorot_uniform', 'xavier_uniform'],
      ['glorotNormal', 'xavier_normal'],
      ['eye', 'identity'],
      ['ZerO', 'zer_o'],
      ['zeroInit_hadamard', 'zer_o'],
      ['leCunNormal', 'lecun_normal'],
      ['irnn', 'rnn_identity'],
      ['trunc_normal', 'truncated_normal'],
      ['zero', 'zeros'],
    ];
    for (const [alias, name] of pairs) expect(api.fromConfig(alias).config.name, alias).toBe(name);
    expect(
      api.fromConfig({ name: 'varianceScaling', mode: 'fanAvg', distribution: 'untruncatedNormal' }).config,
    ).toEqual({
      name: 'variance_scaling',
      scale: 1,
      mode: 'fan_avg',
      distribution: 'normal',
      multiplier: 1,
    });
    expect(
      api.fromConfig({ name: 'kaiming_uniform', a: Math.sqrt(5), nonlinearity: 'leakyRelu' }).config,
    ).toMatchObject({
      slope: Math.sqrt(5),
      nonlinearity: 'leaky_relu',
    });
  });

  it('configs round-trip through JSON to the same initializer and the same values', () => {
    for (const { config, shape } of Object.values(CATALOG)) {
      const a = api.fromConfig(config);
      const b = api.fromConfig(JSON.parse(JSON.stringify(a.config)));
      expect(b.config).toEqual(a.config);
      expect(Array.from(b(shape, 5).data)).toEqual(Array.from(a(shape, 5).data));
      expect(Object.isFrozen(a.config)).toBe(true);
    }
  });

  it('camelCase builders equal their registry entries', () => {
    const same = (init: api.Initializer, config: api.SchemeConfig, shape: number[]) =>
      expect(Array.from(init(shape, 1).data)).toEqual(Array.from(api.fromConfig(config)(shape, 1).data));
    same(api.heNormal({ mode: 'fan_out' }), { name: 'he_normal', mode: 'fan_out' }, [8, 4]);
    same(api.kaimingUniform(), { name: 'kaiming_uniform' }, [8, 4]);
    same(api.glorotUniform({ gain: 2 }), { name: 'glorot_uniform', gain: 2 }, [8, 4]);
    same(api.varianceScaling({ scale: 2 }), { name: 'variance_scaling', scale: 2 }, [8, 4]);
    same(api.sparse({ sparsity: 0.5 }), { name: 'sparse', sparsity: 0.5 }, [8, 4]);
    same(api.eye(), { name: 'eye' }, [3, 3]);
    same(
      api.rnnOrthogonal({ gateOrder: 'rzn' }),
      { name: 'rnn_orthogonal', gate_order: ['r', 'z', 'n'] },
      [12, 4],
    );
    same(api.chronoBias({ tMax: 20 }), { name: 'chrono_bias', t_max: 20 }, [8]);
  });

  it('describe states formula, fans and scale', () => {
    const d = api.heNormal({ mode: 'fan_out', multiplier: 0.5 }).describe([64, 3, 3, 3]);
    expect(d).toMatchObject({
      name: 'he_normal',
      fanIn: 27,
      fanOut: 576,
      fanUsed: 576,
      gain: Math.SQRT2,
      distribution: 'normal',
    });
    expect(d.std).toBe(0.5 * (Math.sqrt(2.0) / Math.sqrt(576)));
    expect(d.notes.join(' ')).toMatch(/multiplier 0.5/);
    expect(api.uniform().describe([5])).toMatchObject({ fanIn: undefined, fanOut: undefined, mean: 0.5 });
    expect(api.uniform().describe([5], { layout: 'keras' })).toMatchObject({ fanIn: 5, fanOut: 5 });
  });
});

describe('fromKerasConfig', () => {
  it('maps Keras classes to exact Keras semantics', () => {
    const cfg = (c: api.KerasInitializerConfig) => api.fromKerasConfig(c).config;
    expect(cfg({ class_name: 'HeNormal', config: { seed: 1 } })).toMatchObject({
      name: 'variance_scaling',
      scale: 2,
      mode: 'fan_in',
      distribution: 'truncated_normal',
    });
    expect(cfg({ class_name: 'GlorotUniform' })).toMatchObject({
      name: 'variance_scaling',
      scale: 1,
      mode: 'fan_avg',
      distribution: 'uniform',
    });
    expect(
      cfg({ class_name: 'VarianceScaling', config: { scale: 0.5, mode: 'fan_out', distribution: 'normal' } }),
    ).toMatchObject({ distribution: 'truncated_normal' });
    expect(
      cfg({ class_name: 'VarianceScaling', config: { distribution: 'untruncated_normal' } }),
    ).toMatchObject({ distribution: 'normal' });
    expect(cfg({ class_name: 'RandomUniform' })).toMatchObject({ name: 'uniform', low: -0.05, high: 0.05 });
    expect(cfg({ class_name: 'RandomNormal', config: { stddev: 0.02 } })).toMatchObject({
      name: 'normal',
      mean: 0,
      std: 0.02,
    });
    expect(cfg({ class_name: 'TruncatedNormal', config: { mean: 1, stddev: 0.5 } })).toMatchObject({
      name: 'truncated_normal',
      mean: 1,
      std: 0.5,
      a: 0,
      b: 2,
    });
    expect(cfg({ class_name: 'Orthogonal', config: { gain: 2, seed: null } })).toMatchObject({
      name: 'orthogonal',
      gain: 2,
    });
    expect(cfg({ class_name: 'Identity', config: { gain: 3 } })).toMatchObject({ name: 'identity', gain: 3 });
    expect(cfg({ class_name: 'Constant', config: { value: 0.1 } })).toMatchObject({
      name: 'constant',
      value: 0.1,
    });
    expect(cfg({ class_name: 'zeros' })).toMatchObject({ name: 'zeros' });
    expect(api.fromKerasConfig('lecun_normal').config).toMatchObject({
      scale: 1,
      mode: 'fan_in',
      distribution: 'truncated_normal',
    });
    expect(
      cfg({
        module: 'keras.initializers',
        class_name: 'OrthogonalInitializer',
        config: {},
        registered_name: null,
      }),
    ).toMatchObject({ name: 'orthogonal' });
  });
});

describe('depth, residual and width helpers', () => {
  it('Fixup', () => {
    expect(api.fixupScale(16, 2)).toBe(0.25);
    expect(api.fixupScale(16, 3)).toBe(0.5);
    const plan = api.fixup({ numBranches: 16 });
    expect(plan.branch).toEqual({
      name: 'he_normal',
      mode: 'fan_out',
      nonlinearity: 'relu',
      multiplier: 0.25,
    });
    expect(plan.branchLast).toEqual({ name: 'zeros' });
    expect(api.fromConfig(plan.branch).describe([64, 64, 3, 3]).std).toBe(
      0.25 * (Math.sqrt(2) / Math.sqrt(576)),
    );
    expect(() => api.fixupScale(16, 1)).toThrow(/>= 2/);
  });

  it('T-Fixup', () => {
    const t = api.tFixup({ encoderLayers: 6, decoderLayers: 6, modelDim: 512 });
    expect(t.encoderScale).toBe(0.67 * 6 ** -0.25);
    expect(t.decoderScale).toBe(54 ** -0.25);
    expect(t.encoder).toEqual({ name: 'xavier_uniform', gain: 1, multiplier: t.encoderScale });
    expect(t.decoderEmbedding).toEqual({
      name: 'normal',
      mean: 0,
      std: 512 ** -0.5,
      multiplier: t.decoderScale,
    });
  });

  it('GPT-2 residual projections', () => {
    const g = api.gpt2Residual({ numLayers: 12 });
    expect(g.std).toBe(0.02 / Math.sqrt(24));
    expect(api.fromConfig(g.config).describe([768, 768]).std).toBe(0.02 * (1 / Math.sqrt(24)));
    expect(g.other).toEqual({ name: 'normal', mean: 0, std: 0.02 });
  });

  it('ReZero / SkipInit gates', () => {
    expect(api.residualGate()).toEqual({ name: 'zeros' });
    expect(api.residualGate({ value: 0.1 })).toEqual({ name: 'constant', value: 0.1 });
    expect(Array.from(api.fromConfig(api.residualGate())([1]).data)).toEqual([0]);
  });

  it('muP', () => {
    expect(api.mupMultiplier({ role: 'hidden', width: 1024, baseWidth: 256 })).toBe(0.5);
    expect(api.mupMultiplier({ role: 'output', width: 1024, baseWidth: 256 })).toBe(0.25);
    expect(api.mupMultiplier({ role: 'input', width: 1024, baseWidth: 256 })).toBe(1);
    expect(
      api.mup({ name: 'normal', std: 0.02, multiplier: 2 }, { role: 'hidden', width: 1024, baseWidth: 256 }),
    ).toEqual({
      name: 'normal',
      std: 0.02,
      multiplier: 1,
    });
    expect(
      api.mup({ name: 'normal' }, { role: 'output', width: 8, baseWidth: 4, zeroReadout: true }),
    ).toEqual({ name: 'zeros' });
    expect(() => api.mupMultiplier({ role: 'hidden', width: 0, baseWidth: 4 })).toThrow(api.InitError);
  });
});

describe('truncated normal description', () => {
  it('states the absolute cut-off when the cut is symmetric about the mean', () => {
    const d = api
      .fromKerasConfig({ class_name: 'TruncatedNormal', config: { mean: 1, stddev: 0.5 } })
      .describe([2, 2]);
    expect(d).toMatchObject({ mean: 1, std: 0.5, bound: 2, distribution: 'truncated_normal' });
    expect(api.truncatedNormal({ a: -1, b: 3 }).describe([2, 2]).bound).toBeUndefined();
  });
});

describe('TF.js configs import without TF.js bugs', () => {
  it("camelCase modes and 'truncatedNormal' give the corrected truncated normal (TF.js samples it as uniform)", () => {
    const init = api.fromKerasConfig({
      class_name: 'VarianceScaling',
      config: { scale: 2, mode: 'fanIn', distribution: 'truncatedNormal', seed: 0 },
    });
    expect(init.config).toMatchObject({ mode: 'fan_in', distribution: 'truncated_normal' });
    const d = init.describe([100, 50], { layout: 'keras' });
    expect(d.distribution).toBe('truncated_normal');
    expect(d.std).toBe(Math.sqrt(2 / 100) / api.TRUNCATION_CORRECTION);
  });

  it("TF.js 'normal' and leCunNormal get the 0.8796 correction TF.js omits (tfjs#8594)", () => {
    const vs = api.fromKerasConfig({ class_name: 'VarianceScaling', config: { distribution: 'normal' } });
    expect(vs.describe([10, 40], { layout: 'keras' }).std).toBe(
      Math.sqrt(1 / 10) / api.TRUNCATION_CORRECTION,
    );
    const lecun = api.fromKerasConfig({ class_name: 'LeCunNormal', config: {} });
    expect(lecun.describe([10, 40], { layout: 'keras' }).std).toBe(
      Math.sqrt(1 / 10) / api.TRUNCATION_CORRECTION,
    );
  });

  it('a 1-D shape in the keras layout uses fan n, not the TF.js sqrt(n) rule', () => {
    expect(api.computeFans([16], 'keras')).toMatchObject({ fanIn: 16, fanOut: 16 });
    expect(api.fromKerasConfig('HeUniform').describe([16], { layout: 'keras' }).bound).toBe(
      Math.sqrt(6 / 16),
    );
  });
});
