import { describe, expect, it } from 'vitest';
import { InitError } from './errors';
import { computeFans } from './fans';
import { heNormal } from './he';
import { fromKerasConfig } from './keras';
import { closestKey } from './option-keys';
import { fromConfig } from './registry';
import { fixup, gpt2Residual, residualGate, tFixup } from './residual';
import { mup, mupMultiplier } from './width';

function errorOf(fn: () => unknown): InitError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InitError);
    return e as InitError;
  }
  return expect.unreachable('expected an InitError') as never;
}

function expectError(fn: () => unknown, code: string, argument: string, message?: RegExp): void {
  const e = errorOf(fn);
  expect([e.code, e.argument], e.message).toEqual([code, argument]);
  if (message) expect(e.message).toMatch(message);
}

describe('unknown option keys are rejected everywhere, with a suggestion when one is close', () => {
  it('closestKey', () => {
    expect(closestKey('dtyp', ['dtype', 'layout'])).toBe('dtype');
    expect(closestKey('valeu', ['value'])).toBe('value');
    expect(closestKey('tmax', ['t_max', 'gate_order'])).toBe('t_max');
    expect(closestKey('zzzz', ['dtype', 'layout'])).toBeUndefined();
    expect(closestKey('a', ['b'])).toBeUndefined();
  });

  it('initializer call, fill and describe options', () => {
    const init = heNormal();
    expectError(
      () => init([4, 3], 7, { dtyp: 'float64' } as never),
      'INVALID_ARGUMENT',
      'dtyp',
      /did you mean 'dtype'\?/,
    );
    expectError(
      () => init.fill(new Float32Array(12), [4, 3], 7, { layuot: 'keras' } as never),
      'INVALID_ARGUMENT',
      'layuot',
      /did you mean 'layout'/,
    );
    expectError(() => init.describe([4, 3], { dtype: 'float64' } as never), 'INVALID_ARGUMENT', 'dtype');
    expectError(
      () => init([4, 3], 7, { layout: { inAxis: 1, outAxis: 0, batchAxis: [] } } as never),
      'INVALID_ARGUMENT',
      'batchAxis',
      /did you mean 'batchAxes'/,
    );
    expectError(
      () => computeFans([4, 3], { layout: 'keras', transpose: true } as never),
      'INVALID_ARGUMENT',
      'transpose',
    );
  });

  it('builders and configs', () => {
    expectError(
      () => heNormal({ mdoe: 'fan_out' } as never),
      'INVALID_ARGUMENT',
      'mdoe',
      /did you mean 'mode'/,
    );
    expectError(
      () => fromConfig({ name: 'chrono_bias', tmaxx: 3 }),
      'INVALID_ARGUMENT',
      'tmaxx',
      /did you mean 't_max'/,
    );
    expectError(
      () => fromKerasConfig({ class_name: 'RandomNormal', config: { stdev: 1 } }),
      'INVALID_ARGUMENT',
      'stdev',
      /did you mean 'stddev'/,
    );
    expectError(
      () => fromKerasConfig({ class_name: 'Zeros', confg: {} } as never),
      'INVALID_ARGUMENT',
      'confg',
      /did you mean 'config'/,
    );
  });

  it('depth and width helpers', () => {
    expectError(() => gpt2Residual({ numLayers: 12, stddev: 0.5 } as never), 'INVALID_ARGUMENT', 'stddev');
    expectError(
      () => residualGate({ valeu: 0.1 } as never),
      'INVALID_ARGUMENT',
      'valeu',
      /did you mean 'value'/,
    );
    expectError(
      () => fixup({ numBranches: 4, layersPerBrach: 3 } as never),
      'INVALID_ARGUMENT',
      'layersPerBrach',
    );
    expectError(
      () => tFixup({ encoderLayers: 2, modelDim: 8, decoderLayer: 2 } as never),
      'INVALID_ARGUMENT',
      'decoderLayer',
    );
    expectError(
      () => mupMultiplier({ role: 'hidden', width: 2, basewidth: 1 } as never),
      'INVALID_ARGUMENT',
      'basewidth',
      /did you mean 'baseWidth'/,
    );
    expectError(
      () => mup({ name: 'normal' }, { role: 'output', width: 2, baseWidth: 1, zeroReadOut: true } as never),
      'INVALID_ARGUMENT',
      'zeroReadOut',
    );
  });
});

describe('helpers return configs that fromConfig accepts', () => {
  it('validates the configs they are given and the ones they build', () => {
    expectError(
      () => fixup({ numBranches: 4, base: { name: 'nonexistent' } }),
      'INVALID_ARGUMENT',
      'base.name',
    );
    expectError(
      () => fixup({ numBranches: 4, base: { name: 'normal', std: -1 } }),
      'INVALID_ARGUMENT',
      'base.std',
    );
    expectError(
      () => fixup({ numBranches: 4, base: { name: 'normal', multiplier: '2' } }),
      'INVALID_ARGUMENT',
      'base.multiplier',
    );
    expectError(
      () => mup({ name: 'nope' }, { role: 'hidden', width: 2, baseWidth: 1 }),
      'INVALID_ARGUMENT',
      'config.name',
    );
    expectError(
      () => mup(Number.NaN as never, { role: 'hidden', width: 2, baseWidth: 1 }),
      'INVALID_ARGUMENT',
      'config',
    );
    expectError(
      () => mup({ name: 'normal', multiplier: 1e308 }, { role: 'output', width: 1e-300, baseWidth: 1e10 }),
      'NOT_FINITE',
      'width',
    );
    expectError(
      () => mupMultiplier({ role: 'output', width: 5e-324, baseWidth: 256 }),
      'NOT_FINITE',
      'width',
    );
    expectError(
      () => mupMultiplier({ role: 'hidden', width: 1e308, baseWidth: 1e-308 }),
      'NOT_FINITE',
      'width',
    );
    expectError(() => residualGate({ value: 1n } as never), 'INVALID_ARGUMENT', 'value');
    for (const config of [
      fixup({ numBranches: 16 }).branch,
      tFixup({ encoderLayers: 6, modelDim: 512 }).encoderEmbedding,
      gpt2Residual({ numLayers: 12 }).config,
      residualGate({ value: 0.1 }),
      mup({ name: 'normal', std: 0.02 }, { role: 'hidden', width: 1024, baseWidth: 256 }),
    ]) {
      expect(() => fromConfig(config)).not.toThrow();
    }
  });
});

describe('only InitError, also for null, objects without a prototype, BigInt and symbols', () => {
  const hostile: unknown[] = [null, Object.create(null), 1n, Symbol('s'), () => 0, [], 'x', Number.NaN];
  it('as options, configs, shapes and rngs', () => {
    const calls: ((v: unknown) => unknown)[] = [
      (v) => heNormal(v as never),
      (v) => heNormal()(v as never, 1),
      (v) => heNormal()([2, 2], v as never),
      (v) => heNormal()([2, 2], 1, v as never),
      (v) => heNormal().fill(v as never, [2, 2], 1),
      (v) => heNormal().describe([2, 2], v as never),
      (v) => fromConfig(v as never),
      (v) => fromConfig({ name: v } as never),
      (v) => fromConfig({ name: 'normal', std: v } as never),
      (v) => fromKerasConfig(v as never),
      (v) => fromKerasConfig({ class_name: 'Constant', config: v } as never),
      (v) => computeFans(v as never),
      (v) => computeFans([2, 2], v as never),
      (v) => fixup(v as never),
      (v) => gpt2Residual(v as never),
      (v) => residualGate(v as never),
      (v) => mupMultiplier(v as never),
      (v) => mup({ name: 'normal' }, v as never),
    ];
    let errors = 0;
    for (const call of calls) {
      for (const v of hostile) {
        try {
          call(v);
        } catch (e) {
          expect(e, `${call} with ${String(typeof v)}`).toBeInstanceOf(InitError);
          expect(typeof (e as InitError).argument).toBe('string');
          errors++;
        }
      }
    }
    expect(errors).toBeGreaterThan(calls.length * 4);
  });

  it('describes such values in messages without throwing', () => {
    expectError(
      () => fromConfig({ name: 'normal', std: Object.create(null) }),
      'INVALID_ARGUMENT',
      'std',
      /without a prototype/,
    );
    expectError(
      () => fromConfig({ name: 'normal', std: 2n } as never),
      'INVALID_ARGUMENT',
      'std',
      /BigInt 2n/,
    );
    expectError(() => fromConfig({ name: Symbol('x') } as never), 'INVALID_ARGUMENT', 'name', /a symbol/);
  });
});
