import { describe, expect, it } from 'vitest';
import { CATALOG } from '../test/catalog';
import { InitError } from './errors';
import { heNormal } from './he';
import { fromKerasConfig } from './keras';
import { normal } from './normal';
import { orthogonal } from './orthogonal';
import { chronoBias } from './recurrent';
import { fromConfig } from './registry';
import { uniform } from './uniform';
import { varianceScaling } from './variance-scaling';
import { xavierUniform } from './xavier';

function expectInitError(fn: () => unknown, code: string, argument: string, message?: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InitError);
    expect({ code: (e as InitError).code, argument: (e as InitError).argument }).toEqual({ code, argument });
    if (message) expect((e as InitError).message).toMatch(message);
    return;
  }
  expect.unreachable('expected an InitError');
}

describe('bad input gives typed errors naming the argument', () => {
  it('shapes', () => {
    const init = heNormal();
    expectInitError(() => init([3, -2], 0), 'INVALID_ARGUMENT', 'shape', /non-negative integer/);
    expectInitError(() => init([3, 2.5], 0), 'INVALID_ARGUMENT', 'shape');
    expectInitError(() => init([3, Number.POSITIVE_INFINITY], 0), 'INVALID_ARGUMENT', 'shape');
    expectInitError(() => init(null as unknown as number[], 0), 'INVALID_ARGUMENT', 'shape');
    expectInitError(() => init([5], 0), 'SHAPE_MISMATCH', 'shape', /rank >= 2/);
    expectInitError(() => orthogonal()([5], 0), 'SHAPE_MISMATCH', 'shape', /rank >= 2/);
    expectInitError(() => fromConfig('dirac')([4, 4], 0), 'SHAPE_MISMATCH', 'shape', /rank 3 to 5/);
  });

  it('parameters', () => {
    expectInitError(
      () => heNormal({ mode: 'fan_sideways' as 'fan_in' }),
      'INVALID_ARGUMENT',
      'mode',
      /'fan_in', 'fan_out'/,
    );
    expectInitError(
      () => heNormal({ nonlinearity: 'swish' as 'relu' }),
      'INVALID_ARGUMENT',
      'nonlinearity',
      /'relu'/,
    );
    expectInitError(
      () => varianceScaling({ distribution: 'cauchy' as 'uniform' }),
      'INVALID_ARGUMENT',
      'distribution',
      /'uniform'/,
    );
    expectInitError(() => varianceScaling({ scale: 0 }), 'INVALID_ARGUMENT', 'scale', /> 0/);
    expectInitError(() => xavierUniform({ gain: Number.NaN }), 'NOT_FINITE', 'gain');
    expectInitError(() => xavierUniform({ gain: Number.POSITIVE_INFINITY }), 'NOT_FINITE', 'gain');
    expectInitError(() => xavierUniform({ gain: '1' as unknown as number }), 'INVALID_ARGUMENT', 'gain');
    expectInitError(() => uniform({ low: 1, high: 0 }), 'INVALID_ARGUMENT', 'low', /<= high/);
    expectInitError(
      () => fromConfig({ name: 'sparse', sparsity: 1 }),
      'INVALID_ARGUMENT',
      'sparsity',
      /\[0, 1\)|< 1/,
    );
    expectInitError(() => fromConfig({ name: 'sparse', sparsity: -0.5 }), 'INVALID_ARGUMENT', 'sparsity');
    expectInitError(
      () => fromConfig({ name: 'truncated_normal', a: 2, b: -2 }),
      'INVALID_ARGUMENT',
      'a',
      /<= b/,
    );
    // Negative Xavier gains fail in PyTorch too; here a typed error at build time, not a stream error.
    for (const name of ['xavier_uniform', 'xavier_normal', 'xavier_truncated_normal']) {
      expectInitError(() => fromConfig({ name, gain: -1 }), 'INVALID_ARGUMENT', 'gain', />= 0/);
    }
    // A missing gate is reported when the initializer is built, not at its first call.
    expectInitError(
      () => fromConfig({ name: 'lstm_forget_bias', gate_order: 'rzn' }),
      'INVALID_ARGUMENT',
      'gate_order',
      /'f' gate/,
    );
    expectInitError(
      () => fromConfig({ name: 'chrono_bias', t_max: 10, gate_order: 'fgo' }),
      'INVALID_ARGUMENT',
      'gate_order',
      /'i' gate/,
    );
    expectInitError(() => fromConfig({ name: 'normal', std: -1 }), 'INVALID_ARGUMENT', 'std', />= 0/);
    expectInitError(() => fromConfig({ name: 'dirac', groups: 0 }), 'INVALID_ARGUMENT', 'groups');
    expectInitError(
      () => fromConfig({ name: 'he_normal', gain: 2 }),
      'INVALID_ARGUMENT',
      'gain',
      /allowed: mode, nonlinearity, slope, multiplier/,
    );
    expectInitError(
      () => fromConfig({ name: 'he_normal', mode: 'fan_in', Mode: 'fan_out' }),
      'INVALID_ARGUMENT',
      'Mode',
      /twice/,
    );
    expectInitError(
      () => fromConfig({ name: 'glorot_uniformm' }),
      'INVALID_ARGUMENT',
      'name',
      /known: zeros/,
    );
    expectInitError(() => fromConfig({ name: 'ones', multiplier: Number.NaN }), 'NOT_FINITE', 'multiplier');
    expectInitError(() => chronoBias({} as { tMax: number }), 'INVALID_ARGUMENT', 't_max', /required/);
    expectInitError(
      () => fromConfig({ name: 'rnn_orthogonal', gate_order: 'iff' }),
      'INVALID_ARGUMENT',
      'gate_order',
    );
  });

  it('call options, rng and output buffers', () => {
    const init = heNormal();
    expectInitError(() => init([3, 3]), 'INVALID_ARGUMENT', 'rng', /seed/);
    expectInitError(() => init([3, 3], {} as unknown as number), 'INVALID_ARGUMENT', 'rng');
    expectInitError(
      () => init([3, 3], 0, { dtype: 'float16' as 'float32' }),
      'INVALID_ARGUMENT',
      'dtype',
      /'float32' or 'float64'/,
    );
    expectInitError(
      () => init([3, 3], 0, { layout: 'nhwc' as 'torch' }),
      'INVALID_ARGUMENT',
      'layout',
      /'torch'/,
    );
    expectInitError(() => init.fill(new Float32Array(8), [3, 3], 0), 'SHAPE_MISMATCH', 'out', /needs 9/);
    expectInitError(() => init.fill([] as unknown as Float32Array, [3, 3], 0), 'INVALID_ARGUMENT', 'out');
  });

  it('scaled parameters that overflow are typed errors of this package, not of the stream', () => {
    expectInitError(
      () => normal({ std: 1e308, multiplier: 1e10 })([2], 0),
      'NOT_FINITE',
      'std',
      /out of range/,
    );
    expectInitError(() => uniform({ low: -1e308, high: 1e308 })([2], 0), 'NOT_FINITE', 'high');
    expectInitError(
      () => xavierUniform({ gain: 1e308 }).fill(new Float64Array(4), [2, 2], 0),
      'NOT_FINITE',
      'gain',
    );
  });

  it('Keras configs without a faithful mapping', () => {
    expectInitError(
      () => fromKerasConfig({ class_name: 'STFT', config: {} }),
      'UNSUPPORTED',
      'class_name',
      /supported:/,
    );
    expectInitError(() => fromKerasConfig({ class_name: 'MyInit' }), 'UNSUPPORTED', 'class_name');
    expectInitError(
      () => fromKerasConfig({ class_name: 'VarianceScaling', config: { input_axes: [0], output_axes: [1] } }),
      'UNSUPPORTED',
      'input_axes',
    );
    expectInitError(
      () => fromKerasConfig({ class_name: 'Constant', config: { value: [1, 2] } }),
      'UNSUPPORTED',
      'value',
    );
    expectInitError(
      () => fromKerasConfig({ class_name: 'HeNormal', config: { scale: 3 } }),
      'INVALID_ARGUMENT',
      'scale',
    );
  });
});

describe('zero-size shapes give empty output without error', () => {
  for (const [name, { config, empty }] of Object.entries(CATALOG)) {
    it(name, () => {
      const init = fromConfig(config);
      const t = init(empty, 0);
      expect(t.data.length).toBe(0);
      expect(t.shape).toEqual(empty);
      expect(init.fill(new Float64Array(0), empty, 0).length).toBe(0);
      const d = init.describe(empty);
      for (const v of [d.std, d.bound, d.gain, d.fanUsed])
        if (v !== undefined) expect(Number.isFinite(v)).toBe(true);
    });
  }
});
