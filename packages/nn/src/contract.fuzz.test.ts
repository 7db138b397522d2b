import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Activation } from './activation';
import { BatchNorm } from './batch-norm';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { diagnose } from './diagnose';
import { Dropout } from './dropout';
import { Embedding } from './embedding';
import { NnError } from './errors';
import { fit } from './fit';
import { Flatten } from './flatten';
import { initialize } from './init';
import type { Layer } from './layer';
import { LayerNorm } from './layer-norm';
import { layerFromConfig } from './layer-registry';
import { createLoss, LOSSES } from './loss';
import { lsuv } from './lsuv';
import { Model } from './model';
import { Monitor } from './monitor';
import { clipGradNorm, clipGradValue, createOptimizer } from './optimizer';
import { checkOptions } from './options';
import { createParameter } from './parameter';
import { AvgPool2D, MaxPool2D } from './pool2d';
import { Residual } from './residual';
import { loadModel } from './save-load';
import { cosineSchedule, stepSchedule, warmupSchedule } from './schedule';
import { Sequential } from './sequential';

/**
 * Property-based contract of @init/nn's public functions under hostile arguments (NaN, infinities,
 * signed zero, huge and fractional numbers, null, undefined, bigints, symbols, strings, arrays,
 * prototype-less objects, misspelled keys): every call returns, or throws an NnError with a string
 * `code` and `argument`; returned numbers are finite; each call ends within CALL_LIMIT_MS.
 * Fixed seed and bounded runs, so the suite is deterministic and takes a few seconds.
 */

const FUZZ = { seed: 20261202, numRuns: 300 };
const CALL_LIMIT_MS = 2000;

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    0,
    1,
    -1,
    0.5,
    2 ** 31,
    2 ** 53,
    1e308,
    -1e308,
    5e-324,
  ),
  fc.integer({ min: -5, max: 70 }),
  fc.double(),
  fc.constantFrom(null, undefined, true, false, '', 'relu', '3', 10n, Symbol('s')),
  fc.constant(Object.create(null) as unknown),
  fc.array(fc.integer({ min: -2, max: 9 }), { maxLength: 4 }),
);

/** A record of known keys with hostile values, sometimes with a misspelled extra key. */
function hostileOptions(keys: readonly string[]): fc.Arbitrary<unknown> {
  const record = fc.record(Object.fromEntries(keys.map((k) => [k, hostileScalar])), { requiredKeys: [] });
  return fc.oneof(
    record,
    record.map((r) => ({ ...(r as object), [`${keys[0] ?? 'x'}s`]: 1 })),
    hostileScalar,
    fc.constant(Object.create(null) as unknown),
  );
}

function breach(call: () => unknown): string | undefined {
  const t0 = performance.now();
  let out: unknown;
  try {
    out = call();
  } catch (e) {
    if (!(e instanceof NnError)) return `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    if (typeof e.code !== 'string' || typeof e.argument !== 'string')
      return 'NnError without code or argument';
    return performance.now() - t0 > CALL_LIMIT_MS ? 'too slow' : undefined;
  }
  if (performance.now() - t0 > CALL_LIMIT_MS) return 'too slow';
  if (typeof out === 'number' && !Number.isFinite(out)) return `returned ${out}`;
  if (out instanceof Float32Array && out.some((v) => !Number.isFinite(v)))
    return 'returned non-finite values';
  return undefined;
}

function keeps(call: () => unknown): void {
  expect(breach(call)).toBeUndefined();
}

function holds<T extends unknown[]>(
  arbs: { [K in keyof T]: fc.Arbitrary<T[K]> },
  body: (...args: T) => void,
): void {
  fc.assert(
    fc.property(...(arbs as unknown as [fc.Arbitrary<unknown>]), body as (...a: unknown[]) => void),
    FUZZ,
  );
}

const size = fc.integer({ min: 1, max: 4 });
const pair = fc.oneof(size, fc.tuple(size, size));
const unit = fc.double({ min: 0, max: 0.99, noNaN: true });
const bool = fc.boolean();
const ACTIVATION_NAMES = fc.constantFrom(
  'relu',
  'leaky_relu',
  'elu',
  'selu',
  'gelu',
  'silu',
  'mish',
  'softplus',
  'tanh',
  'sigmoid',
  'linear',
);

/** Each layer's option keys with plausible values (mixed with hostile ones by {@link mixedOptions}). */
const LAYERS: [string, Record<string, fc.Arbitrary<unknown>>, (o: unknown) => Layer][] = [
  ['dense', { units: size, bias: bool }, (o) => new Dense(o as never)],
  [
    'conv2d',
    {
      filters: fc.constantFrom(1, 2, 4),
      kernelSize: pair,
      stride: pair,
      padding: fc.oneof(fc.constant(0), pair),
      dilation: pair,
      groups: fc.constantFrom(1, 2),
      bias: bool,
    },
    (o) => new Conv2D(o as never),
  ],
  [
    'max_pool2d',
    { kernelSize: pair, stride: pair, padding: fc.constantFrom(0, 1) },
    (o) => new MaxPool2D(o as never),
  ],
  [
    'avg_pool2d',
    { kernelSize: pair, stride: pair, padding: fc.constantFrom(0, 1), countIncludePad: bool },
    (o) => new AvgPool2D(o as never),
  ],
  [
    'batch_norm',
    { momentum: unit, eps: fc.constantFrom(1e-5, 0.1), affine: bool },
    (o) => new BatchNorm(o as never),
  ],
  ['layer_norm', { eps: fc.constantFrom(1e-5, 0.1), affine: bool }, (o) => new LayerNorm(o as never)],
  ['embedding', { numEmbeddings: fc.constantFrom(7, 10), dim: size }, (o) => new Embedding(o as never)],
  ['dropout', { rate: unit, seed: fc.integer() }, (o) => new Dropout(o as never)],
  ['activation', { name: ACTIVATION_NAMES }, (o) => new Activation(o as never)],
  ['flatten', {}, (o) => new Flatten(o as never)],
];

/** Options whose values are plausible most of the time and hostile otherwise. */
function mixedOptions(valid: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, a] of Object.entries(valid)) {
    entries[k] = fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: hostileScalar });
  }
  const required = ['units', 'filters', 'kernelSize', 'name', 'numEmbeddings', 'dim'].filter(
    (k) => k in valid,
  );
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record(entries, { requiredKeys: required }),
    },
    { weight: 1, arbitrary: hostileOptions(Object.keys(valid)) },
  );
}

const smallShape = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 })) },
  {
    weight: 3,
    arbitrary: fc.tuple(
      fc.constantFrom(2, 4),
      fc.integer({ min: 3, max: 7 }),
      fc.integer({ min: 3, max: 7 }),
    ),
  },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.constant([1 << 20, 1 << 20]) },
);
const batchSize = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 1, arbitrary: hostileScalar },
);

describe('contract of @init/nn under hostile input', () => {
  for (const [kind, valid, make] of LAYERS) {
    it(`${kind}: constructor, build, forward and backward`, () => {
      holds([mixedOptions(valid), smallShape, batchSize, fc.boolean()], (o, shape, batch, training) => {
        keeps(() => {
          const layer = make(o);
          layer.build(shape as number[], 'l');
          const n =
            (typeof batch === 'number' && batch > 0 ? batch : 1) *
            layer.inputShape.reduce((a, b) => a * b, 1);
          const x = new Float32Array(Math.min(n, 1 << 16)).map((_, i) =>
            kind === 'embedding' ? i % 7 : (i % 7) - 3,
          );
          const y = layer.forward(x, batch as number, training);
          if (training) layer.backward(new Float32Array(y.length).fill(0.5), batch as number);
          return y;
        });
      });
    });
  }

  it('containers and Model reject malformed children and inputs', () => {
    holds([hostileScalar, hostileScalar, smallShape], (a, b, shape) => {
      keeps(() => new Sequential(a as never));
      keeps(() => new Residual({ body: a, shortcut: b } as never));
      keeps(() => new Model(a as never, { inputShape: shape } as never));
      keeps(
        () =>
          new Model([new Dense({ units: 2 })], {
            inputShape: shape as number[],
            init: a as never,
            seed: b as never,
          }),
      );
    });
  });

  it('Model forward/backward with wrong data', () => {
    const model = new Model([new Dense({ units: 3 }), new Activation({ name: 'tanh' })], { inputShape: [2] });
    const values = fc.oneof(
      hostileScalar,
      fc.integer({ min: 0, max: 12 }).map((n) => new Float32Array(n)),
      fc.constantFrom(new Float32Array(4), new Float32Array(6)),
    );
    holds([values, fc.oneof(hostileScalar, fc.constantFrom(1, 2))], (x, batch) => {
      keeps(() => model.forward(x as Float32Array, batch as number, true));
      keeps(() => model.backward(x as Float32Array, batch as number));
    });
  });

  it('fit with hostile options and data', () => {
    const model = new Model([new Dense({ units: 2 })], { inputShape: [2], seed: 1 });
    const good = {
      x: new Float32Array([0, 1, 1, 0, 1, 1, 0, 0]),
      y: new Int32Array([0, 1, 1, 0]),
      shape: [4, 2],
      yShape: [4],
      classes: 2,
    };
    const keys = [
      'loss',
      'optimizer',
      'epochs',
      'batchSize',
      'shuffle',
      'seed',
      'validation',
      'earlyStopping',
      'schedule',
      'clipNorm',
      'clipValue',
      'dropLast',
    ];
    holds(
      [
        hostileOptions(keys),
        fc.oneof(fc.constant(good), hostileScalar, hostileOptions(['x', 'y', 'shape', 'yShape', 'classes'])),
      ],
      (o, data) => {
        keeps(() => {
          const r = fit(model, data as never, o as never);
          return r.stepLosses.length;
        });
      },
    );
  });

  it('losses, optimizers, clipping and schedules', () => {
    holds(
      [fc.constantFrom(...LOSSES, 'hinge'), hostileScalar, hostileScalar, hostileScalar],
      (name, pred, target, batch) => {
        keeps(() => createLoss(name as never).forward(pred as never, target as never, batch as never));
        keeps(() => createLoss('mse').forward(new Float32Array(4), new Float32Array(4), batch as number));
      },
    );
    const p = createParameter('', 'w', [3], 'weight');
    holds(
      [
        hostileOptions([
          'kind',
          'lr',
          'momentum',
          'nesterov',
          'betas',
          'eps',
          'weightDecay',
          'alpha',
          'centered',
          'dampening',
        ]),
        hostileScalar,
      ],
      (o, c) => {
        keeps(() => {
          const opt = createOptimizer([p], o as never);
          p.grad.set([1, -1, 0.5]);
          opt.step();
          return p.value;
        });
        keeps(() => clipGradNorm([p], c as number));
        keeps(() => clipGradValue([p], c as number));
        keeps(() => clipGradNorm(c as never, 1));
      },
    );
    holds(
      [
        hostileOptions(['stepSize', 'gamma', 'tMax', 'minLr', 'steps', 'startFactor']),
        fc.integer({ min: 0, max: 10_000 }),
      ],
      (o, t) => {
        keeps(() => stepSchedule(o as never).at(t, 0.1));
        keeps(() => cosineSchedule(o as never).at(t, 0.1));
        keeps(() => warmupSchedule(o as never).at(t, 0.1));
      },
    );
  });

  it('initialize, layerFromConfig, loadModel and checkOptions', () => {
    const fc1 = new Dense({ units: 3 });
    fc1.build([2], 'fc');
    holds(
      [fc.oneof(hostileScalar, hostileOptions(['name', 'gain', 'mode', 'std'])), hostileScalar],
      (spec, rng) => {
        keeps(() => initialize(fc1, spec as never, { rng: rng as never }));
      },
    );
    holds(
      [fc.oneof(fc.jsonValue(), hostileOptions(['kind', 'units', 'layers', 'body', 'filters']))],
      (config) => {
        keeps(() => layerFromConfig(config as never));
      },
    );
    holds(
      [
        fc.uint8Array({ maxLength: 200 }),
        fc.oneof(fc.constant(undefined), fc.string({ maxLength: 30 }), fc.jsonValue()),
      ],
      (bytes, description) => {
        keeps(() => loadModel(bytes, description as never));
      },
    );
    holds([hostileScalar, fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 })], (options, allowed) => {
      keeps(() => checkOptions(options, allowed, 'options'));
    });
  });

  it('Monitor, diagnose and lsuv with hostile options and data', () => {
    const model = new Model(
      [new Dense({ units: 3 }), new Activation({ name: 'relu' }), new Dense({ units: 2 })],
      { inputShape: [2], seed: 1 },
    );
    const good = {
      x: new Float32Array([0, 1, 1, 0, 1, 1, 0, 0]),
      y: new Int32Array([0, 1, 1, 0]),
      shape: [4, 2],
      yShape: [4],
      classes: 2,
    };
    const data = fc.oneof(
      fc.constant(good),
      hostileScalar,
      hostileOptions(['x', 'y', 'shape', 'yShape', 'classes']),
    );
    holds([hostileOptions(['capacity', 'every', 'bins', 'range'])], (o) => {
      keeps(() => new Monitor(model, o as never));
    });
    holds([hostileOptions(['loss', 'batch', 'probes', 'seed']), data], (o, d) => {
      keeps(() => diagnose(model, d as never, o as never).gradientRatio);
    });
    holds([hostileOptions(['batch', 'tolerance', 'maxIterations', 'rng']), data], (o, d) => {
      keeps(() => lsuv(model, d as never, o as never).length);
    });
  });
});
