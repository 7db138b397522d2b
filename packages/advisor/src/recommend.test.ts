import { fromConfig } from '@init/schemes';
import { describe, expect, it } from 'vitest';
import type { RecommendContext, SchemeConfig } from './context';
import { decisionTable } from './decision-table';
import { AdvisorError } from './errors';
import { PRESETS } from './presets';
import { recommend } from './recommend';
import type { Recommendation } from './recommendation';
import { rules } from './rules';

function allConfigs(r: Recommendation): SchemeConfig[] {
  return [
    r.scheme,
    ...(r.bias ? [r.bias] : []),
    ...r.roles.map((x) => x.scheme),
    ...r.alternatives.map((a) => a.scheme),
  ];
}

/** One context per rule that must make exactly that rule fire. */
const CASES: [string, RecommendContext][] = [
  ['preset-digit-recognition', { preset: 'digit_recognition' }],
  ['preset-chatbot-memory', { preset: 'chatbot_memory' }],
  ['preset-movie-recommender', { preset: 'movie_recommender' }],
  ['preset-iot-face-detection', { preset: 'iot_face_detection' }],
  ['preset-selu-stock-prediction', { preset: 'selu_stock_prediction' }],
  ['preset-voice-commands', { preset: 'voice_commands' }],
  ['transformer-small-normal', { architecture: 'transformer', depth: 12 }],
  ['lstm-gates', { architecture: 'lstm' }],
  ['gru-gates', { architecture: 'gru' }],
  ['rnn-orthogonal', { architecture: 'rnn', activation: 'tanh' }],
  ['edge-sparse', { target: 'edge', activation: 'relu', width: 128 }],
  ['selu-lecun', { activation: 'selu' }],
  ['custom-activation-exact-gain', { activation: { name: 'sine', fn: Math.sin } }],
  ['relu-he', { activation: 'relu' }],
  ['elu-he', { activation: 'elu' }],
  ['smooth-relu-exact-gain', { activation: 'gelu' }],
  ['autoencoder-sigmoid-decoder', { architecture: 'autoencoder', activation: 'sigmoid' }],
  ['tanh-sigmoid-xavier', { activation: 'tanh' }],
  ['linear-xavier', { activation: 'linear' }],
  ['default-assume-relu', {}],
  [
    'residual-no-norm-fixup',
    { architecture: 'resnet', activation: 'relu', normalization: 'none', depth: 16 },
  ],
  ['residual-norm-zero-gamma', { architecture: 'resnet', activation: 'relu', normalization: 'batch' }],
  ['residual-normalization-unspecified', { activation: 'relu', residual: true }],
  ['transformer-no-layernorm', { architecture: 'transformer', normalization: 'none', depth: 6 }],
  ['selu-not-three-quarters', { activation: 'selu' }],
  ['sigmoid-hidden-warning', { activation: 'sigmoid', architecture: 'mlp' }],
  [
    'autoencoder-decoder-output',
    { architecture: 'autoencoder', activation: 'relu', outputActivation: 'sigmoid' },
  ],
  ['cnn-receptive-field', { architecture: 'cnn', activation: 'relu' }],
  ['very-deep-plain', { activation: 'relu', depth: 40 }],
  ['normalization-relaxes-scale', { activation: 'relu', normalization: 'batch' }],
  ['mean-field-check', { activation: 'relu', depth: 8 }],
  ['zero-init-symmetry', { activation: 'relu', considering: { name: 'zeros' } }],
  ['random-small-deep', { activation: 'relu', depth: 10, considering: { name: 'random_small', std: 0.01 } }],
  ['tiny-network-random-small', { activation: 'relu', depth: 2, width: 16 }],
  ['bias-zero', { activation: 'relu' }],
];

describe('rules', () => {
  it('every rule has a unique id and a test case in which it fires', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(CASES.map(([id]) => id))).toEqual(new Set(ids));
  });
  for (const [id, context] of CASES) {
    it(`${id} fires for its case, and every config it returns is valid for @init/schemes`, () => {
      const r = recommend(context);
      expect(r.ruleIds).toContain(id);
      for (const c of allConfigs(r)) expect(() => fromConfig(c), JSON.stringify(c)).not.toThrow();
      expect(r.reasons.length).toBeGreaterThan(0);
      expect(r.sources.length).toBeGreaterThan(0);
    });
  }
  it('exactly one primary rule fires per recommendation', () => {
    const primaries = new Set(rules.filter((r) => r.kind === 'primary').map((r) => r.id));
    for (const [, context] of CASES) {
      expect(recommend(context).ruleIds.filter((id) => primaries.has(id))).toHaveLength(1);
    }
  });
});

describe('recommendations match the source document tables', () => {
  it('by activation', () => {
    expect(recommend({ activation: 'relu' }).scheme.name).toBe('he_normal');
    expect(recommend({ activation: { name: 'leaky_relu', slope: 0.1 } }).scheme).toEqual({
      name: 'he_normal',
      mode: 'fan_in',
      nonlinearity: 'leaky_relu',
      slope: 0.1,
    });
    expect(recommend({ activation: 'elu' }).scheme.name).toBe('he_normal');
    expect(recommend({ activation: 'sigmoid' }).scheme.name).toBe('xavier_uniform');
    expect(recommend({ activation: 'tanh' }).scheme.name).toBe('xavier_uniform');
    expect(recommend({ activation: 'selu' }).scheme).toEqual({ name: 'lecun_normal' });
    const lin = recommend({ activation: 'linear' });
    expect(lin.scheme.name).toBe('xavier_uniform');
    expect(lin.alternatives.map((a) => a.scheme.name)).toContain('random_small');
  });
  it('by network type', () => {
    expect(recommend({ architecture: 'cnn', activation: 'relu' }).scheme.name).toBe('he_normal');
    expect(recommend({ architecture: 'cnn', activation: 'tanh' }).scheme.name).toBe('xavier_uniform');
    expect(recommend({ architecture: 'rnn', activation: 'tanh' }).scheme.name).toBe('orthogonal');
    expect(recommend({ architecture: 'lstm' }).scheme.name).toBe('rnn_orthogonal');
    expect(recommend({ activation: 'relu', depth: 100 }).scheme.name).toBe('he_normal');
    expect(recommend({ activation: 'tanh', depth: 100 }).scheme.name).toBe('xavier_uniform');
    expect(recommend({ architecture: 'autoencoder', activation: 'sigmoid' }).scheme.name).toBe(
      'xavier_uniform',
    );
  });
  it('use cases (presets) give the document choice', () => {
    const expected: Record<string, string[]> = {
      digit_recognition: ['he_normal'],
      chatbot_memory: ['rnn_orthogonal', 'orthogonal'],
      movie_recommender: ['xavier_uniform'],
      iot_face_detection: ['sparse'],
      selu_stock_prediction: ['lecun_normal'],
      voice_commands: ['rnn_orthogonal', 'orthogonal'],
    };
    for (const p of PRESETS) {
      const r = recommend({ preset: p.name });
      expect(expected[p.name], p.name).toContain(r.scheme.name);
      expect(r.ruleIds[0]).toBe(`preset-${p.name.replace(/_/g, '-')}`);
    }
    // "Orthogonal or He": the feature layers get He.
    const voice = recommend({ preset: 'voice_commands' });
    expect(voice.roles.find((x) => x.role === 'feature_layers')?.scheme.name).toBe('he_normal');
  });
  it("the caller's fields override the preset's", () => {
    expect(recommend({ preset: 'digit_recognition', activation: 'tanh' }).scheme.name).toBe('xavier_uniform');
  });
});

describe('the techniques table and the non-technical summary of the source document', () => {
  const names = (r: Recommendation) => r.alternatives.map((a) => a.scheme.name);
  it('zero: never recommended, explained as a symmetry warning', () => {
    const r = recommend({ activation: 'relu', considering: { name: 'zeros' } });
    expect(r.scheme.name).not.toBe('zeros');
    expect(r.ruleIds).toContain('zero-init-symmetry');
    expect(r.warnings.join(' ')).toMatch(/symmetry/);
  });
  it('random small: an option only for tiny networks, a warning for deep ones', () => {
    expect(names(recommend({ activation: 'relu', depth: 2, width: 16 }))).toContain('random_small');
    expect(names(recommend({ activation: 'relu', depth: 10, width: 256 }))).not.toContain('random_small');
    const deep = recommend({
      activation: 'relu',
      depth: 10,
      considering: { name: 'random_small', std: 0.01 },
    });
    expect(deep.ruleIds).toContain('random-small-deep');
    expect(deep.warnings.join(' ')).toMatch(/tiny networks/);
  });
  it('Xavier for tanh/sigmoid and simple recommenders; He for ReLU and its variants and image CNNs', () => {
    for (const activation of ['tanh', 'sigmoid'] as const) {
      expect(recommend({ activation }).scheme.name).toMatch(/^xavier_/);
    }
    expect(recommend({ preset: 'movie_recommender' }).scheme.name).toMatch(/^xavier_/);
    for (const activation of ['relu', 'leaky_relu', 'elu'] as const) {
      expect(recommend({ activation }).scheme.name).toMatch(/^he_/);
    }
    expect(recommend({ architecture: 'cnn', activation: 'relu', depth: 50 }).scheme.name).toMatch(/^he_/);
    expect(recommend({ preset: 'digit_recognition' }).scheme.name).toMatch(/^he_/);
  });
  it('LeCun for SELU and the SELU time-series use case', () => {
    expect(recommend({ activation: 'selu' }).scheme.name).toBe('lecun_normal');
    expect(recommend({ preset: 'selu_stock_prediction' }).scheme.name).toBe('lecun_normal');
  });
  it('orthogonal for recurrent nets (RNN, LSTM, GRU, speech) and as the deep plain tanh option', () => {
    expect(recommend({ architecture: 'rnn', activation: 'tanh' }).scheme.name).toBe('orthogonal');
    for (const architecture of ['lstm', 'gru'] as const) {
      expect(recommend({ architecture }).scheme.name).toMatch(/orthogonal/);
    }
    expect(recommend({ preset: 'voice_commands' }).scheme.name).toMatch(/orthogonal/);
    expect(names(recommend({ activation: 'tanh', depth: 100 }))).toContain('orthogonal');
  });
  it('sparse for mobile, IoT and other low-power targets', () => {
    for (const target of ['edge', 'mobile', 'iot', 'low_power'] as const) {
      expect(recommend({ target: target as never, activation: 'relu', width: 64 }).scheme.name).toBe(
        'sparse',
      );
    }
    expect(recommend({ preset: 'iot_face_detection' }).scheme.name).toBe('sparse');
    // Never silently: a recurrent or transformer model keeps its scheme and says why.
    for (const architecture of ['lstm', 'transformer'] as const) {
      const r = recommend({ target: 'edge', architecture });
      expect(r.scheme.name).not.toBe('sparse');
      expect(r.assumptions.join(' ')).toMatch(
        new RegExp(`target edge: .*this ${architecture} keeps its usual scheme`),
      );
    }
    expect(recommend({ target: 'edge', activation: 'relu', width: 64 }).assumptions.join(' ')).not.toMatch(
      /target edge/,
    );
  });
  it('a softmax output layer is read as linear logits', () => {
    const r = recommend({ activation: 'relu', outputActivation: 'softmax' as never });
    expect(r.scheme.name).toBe('he_normal');
    expect(() => recommend({ activation: 'softmax' as never })).toThrow(AdvisorError);
  });
});

describe('practitioner rules beyond the document', () => {
  it('LSTM: orthogonal recurrent blocks and forget bias 1 (once)', () => {
    const r = recommend({ architecture: 'lstm' });
    expect(r.scheme).toEqual({ name: 'rnn_orthogonal', gate_order: ['i', 'f', 'g', 'o'], gain: 1 });
    expect(r.bias).toEqual({ name: 'lstm_forget_bias', gate_order: ['i', 'f', 'g', 'o'], value: 1 });
    expect(r.roles.find((x) => x.role === 'forget_gate_bias')?.reason).toMatch(/only one/);
  });
  it('transformer: N(0, 0.02^2) and residual projections x 1/sqrt(2N)', () => {
    const r = recommend({ architecture: 'transformer', depth: 12 });
    expect(r.scheme).toEqual({ name: 'normal', mean: 0, std: 0.02 });
    const proj = r.roles.find((x) => x.role === 'residual_output_projection')!;
    expect(proj.scheme.multiplier).toBeCloseTo(1 / Math.sqrt(24), 15);
  });
  it('residual without normalization: Fixup with L^(-1/(2m-2)) and zeroed branch ends', () => {
    const r = recommend({ architecture: 'resnet', activation: 'relu', normalization: 'none', depth: 16 });
    expect(r.roles.find((x) => x.role === 'residual_branch')?.scheme.multiplier).toBeCloseTo(0.25, 15);
    expect(r.roles.find((x) => x.role === 'residual_branch_last')?.scheme).toEqual({ name: 'zeros' });
  });
  it('SELU: LeCun normal, with the 3/4 gain explained as a warning', () => {
    const r = recommend({ activation: 'selu', considering: { name: 'he_normal', nonlinearity: 'selu' } });
    expect(r.scheme.name).toBe('lecun_normal');
    const w = r.warnings.join(' ');
    expect(w).toMatch(/3\/4/);
    expect(w).toMatch(/self-normalizing/);
    expect(w).toMatch(/The considered scheme uses/);
  });
  it('zero init only ever appears as a warning, never as the weight scheme', () => {
    for (const [, context] of CASES) {
      expect(['zeros', 'ones', 'constant']).not.toContain(recommend(context).scheme.name);
    }
    expect(recommend({ activation: 'relu', considering: { name: 'zeros' } }).warnings.join(' ')).toMatch(
      /symmetry/,
    );
  });
  it('the mean-field check switches ELU to its exact gain in a deep plain net, and reports it', () => {
    const r = recommend({ activation: 'elu', depth: 50 });
    expect(r.scheme.name).toBe('variance_scaling');
    expect(r.scheme.scale as number).toBeCloseTo(1 / 0.644945, 5);
    expect(r.signal?.verdict).toBe('healthy');
    expect(r.alternatives[0]!.scheme.name).toBe('he_normal');
    expect(recommend({ activation: 'relu', depth: 50 }).signal?.verdict).toBe('healthy');
    expect(recommend({ activation: 'tanh', depth: 100 }).warnings.join(' ')).toMatch(/vanishing/);
  });
  it('smooth ReLU-like activations get their exact gain', () => {
    const r = recommend({ activation: 'gelu' });
    expect(Math.sqrt(r.scheme.scale as number)).toBeCloseTo(1.53353, 5);
  });
  it('sparse init for edge targets scales its std with width', () => {
    const r = recommend({ target: 'edge', activation: 'relu', width: 100 });
    expect(r.scheme.name).toBe('sparse');
    expect(r.scheme.sparsity).toBe(0.9);
    expect(r.scheme.std as number).toBeCloseTo(Math.sqrt(2 / (0.1 * 100)), 11);
    expect(recommend({ target: 'edge' }).warnings.join(' ')).toMatch(/width/);
    expect(recommend({ target: 'low-memory' as never, activation: 'relu' }).scheme.name).toBe('sparse');
  });
});

describe('recommend validation', () => {
  const bad: [unknown, string, string][] = [
    [{ activation: 'relu7' }, 'UNSUPPORTED', 'activation'],
    [{ architecture: 'mamba' }, 'UNSUPPORTED', 'architecture'],
    [{ depth: 0 }, 'INVALID_ARGUMENT', 'depth'],
    [{ depth: 2.5 }, 'INVALID_ARGUMENT', 'depth'],
    [{ depth: 1e9 }, 'TOO_LARGE', 'depth'],
    [{ width: -3 }, 'INVALID_ARGUMENT', 'width'],
    [{ normalization: 'group' }, 'UNSUPPORTED', 'normalization'],
    [{ residual: 'yes' }, 'INVALID_ARGUMENT', 'residual'],
    [{ target: 'moon' }, 'UNSUPPORTED', 'target'],
    [{ preset: 'weather' }, 'UNSUPPORTED', 'preset'],
    [{ activaton: 'relu' }, 'INVALID_ARGUMENT', 'activaton'],
    [{ considering: 'zeros' }, 'INVALID_ARGUMENT', 'considering'],
    [{ considering: { name: 'zeroes_please' } }, 'INVALID_ARGUMENT', 'considering.name'],
    [null, 'INVALID_ARGUMENT', 'context'],
  ];
  for (const [context, code, argument] of bad) {
    it(`rejects ${JSON.stringify(context)} with ${code} on ${argument}`, () => {
      try {
        recommend(context as RecommendContext);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AdvisorError);
        expect((e as AdvisorError).code).toBe(code);
        expect((e as AdvisorError).argument).toBe(argument);
      }
    });
  }
});

describe('decisionTable', () => {
  it('has one row per rule, from the same data', () => {
    const rows = decisionTable();
    expect(rows.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    for (const row of rows) {
      expect(row.when.length).toBeGreaterThan(5);
      expect(row.recommends.length).toBeGreaterThan(5);
      expect(row.why.length).toBeGreaterThan(20);
      expect(row.sources.length).toBeGreaterThan(0);
    }
  });
});

describe('recommend on hostile input', () => {
  const cases: [unknown, string, string, RegExp?][] = [
    [{ activaton: 'relu' }, 'INVALID_ARGUMENT', 'activaton', /did you mean 'activation'/],
    [{ depth: 10n }, 'INVALID_ARGUMENT', 'depth', /BigInt/],
    [{ architecture: 5n }, 'INVALID_ARGUMENT', 'architecture', /BigInt/],
    [{ preset: 1n }, 'INVALID_ARGUMENT', 'preset', /BigInt/],
    [{ architecture: Object.create(null) }, 'INVALID_ARGUMENT', 'architecture', /without a prototype/],
    [Object.assign(Object.create(null), { depht: 3 }), 'INVALID_ARGUMENT', 'depht', /did you mean 'depth'/],
    [{ [Symbol('x')]: 1 }, 'INVALID_ARGUMENT', 'a symbol key'],
    [{ considering: { name: 'normal', std: 10n } }, 'INVALID_ARGUMENT', 'considering.std'],
  ];
  for (const [context, code, argument, message] of cases) {
    it(`rejects ${argument} with ${code}`, () => {
      try {
        recommend(context as RecommendContext);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AdvisorError);
        expect((e as AdvisorError).code).toBe(code);
        expect((e as AdvisorError).argument).toBe(argument);
        if (message) expect((e as AdvisorError).message).toMatch(message);
      }
    });
  }
  it('accepts a prototype-less context object', () => {
    const ctx = Object.assign(Object.create(null), { activation: 'relu' });
    expect(recommend(ctx).scheme.name).toBe('he_normal');
  });
});
