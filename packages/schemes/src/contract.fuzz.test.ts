import { createRng } from '@init/rng';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALL_LIMIT_MS,
  checkContract,
  expectCheckerToCatch,
  hostileNumber,
  hostileOptions,
  hostileShape,
  hostileValue,
  keyOf,
  runProperty,
} from '../test/contract';
import * as api from './index';

/** Every builder with the registry name whose parameters it takes. */
const BUILDERS: [string, string][] = [
  ['zeros', 'zeros'],
  ['ones', 'ones'],
  ['constant', 'constant'],
  ['uniform', 'uniform'],
  ['normal', 'normal'],
  ['truncatedNormal', 'truncated_normal'],
  ['randomSmall', 'random_small'],
  ['varianceScaling', 'variance_scaling'],
  ['xavierUniform', 'xavier_uniform'],
  ['glorotUniform', 'xavier_uniform'],
  ['xavierNormal', 'xavier_normal'],
  ['glorotNormal', 'xavier_normal'],
  ['xavierTruncatedNormal', 'xavier_truncated_normal'],
  ['heUniform', 'he_uniform'],
  ['kaimingUniform', 'he_uniform'],
  ['heNormal', 'he_normal'],
  ['kaimingNormal', 'he_normal'],
  ['heTruncatedNormal', 'he_truncated_normal'],
  ['lecunUniform', 'lecun_uniform'],
  ['lecunNormal', 'lecun_normal'],
  ['lecunTruncatedNormal', 'lecun_truncated_normal'],
  ['orthogonal', 'orthogonal'],
  ['deltaOrthogonal', 'delta_orthogonal'],
  ['identity', 'identity'],
  ['eye', 'identity'],
  ['dirac', 'dirac'],
  ['zerO', 'zer_o'],
  ['sparse', 'sparse'],
  ['rnnOrthogonal', 'rnn_orthogonal'],
  ['rnnIdentity', 'rnn_identity'],
  ['lstmForgetBias', 'lstm_forget_bias'],
  ['chronoBias', 'chrono_bias'],
];

const SCHEMES = api.listSchemes();
const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const paramsOf = (scheme: string): string[] =>
  (SCHEMES.find((s) => s.name === scheme)?.params ?? []).flatMap((p) => [p.name, camel(p.name)]);
const ENUM_VALUES = [...new Set(SCHEMES.flatMap((s) => s.params.flatMap((p) => p.values ?? [])))];

/** Parameter values that are often valid. */
const goodParam = fc.oneof(
  fc.double({ min: -4, max: 4, noNaN: true }),
  fc.integer({ min: 0, max: 20 }),
  fc.constantFrom(...ENUM_VALUES, 'ifgo', 'rzn', ['i', 'f', 'g', 'o'], null, 0.5, 2),
);

const goodCallOption = fc.constantFrom(
  'float32',
  'float64',
  'torch',
  'keras',
  'tf',
  'torch_transposed',
  true,
  false,
  { inAxis: 1, outAxis: 0 },
  { inAxis: -2, outAxis: -1, batchAxes: [0] },
  { inAxis: [1, 2], outAxis: 0 },
);
const callOptions = fc.option(hostileOptions(['dtype', 'layout', 'transposed'], goodCallOption), {
  nil: undefined,
});
const fillOptions = fc.option(hostileOptions(['layout', 'transposed'], goodCallOption), { nil: undefined });

const rngArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, 'seed', 2n ** 70n, -1),
  fc.integer().map((s) => createRng(s)),
  hostileValue,
  fc.constant(null).map(() => ({ algorithm: 'philox', fillNormal: 1 })),
);

const outArbitrary = (shape: unknown): fc.Arbitrary<unknown> => {
  const n =
    Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && d >= 0)
      ? shape.reduce((a: number, b: number) => a * b, 1)
      : 3;
  const size = Math.min(n, 1 << 20);
  return fc.oneof(
    fc.constant(null).map(() => new Float32Array(size)),
    fc.constant(null).map(() => new Float64Array(size)),
    fc.constant(null).map(() => new Float32Array(size + 1)),
    hostileValue,
  );
};

/** Exercises an initializer: a call, describe and fill, each under the contract. */
function exercise(
  init: api.Initializer,
  shape: unknown,
  rng: unknown,
  options: unknown,
  fill: unknown,
  out: unknown,
): void {
  const t = checkContract(() => init(shape as number[], rng as number, options as api.InitOptions));
  if (!(t instanceof api.InitError)) {
    const tensor = t as api.Tensor;
    expect(tensor.data.length).toBe(tensor.shape.reduce((a, b) => a * b, 1));
  }
  checkContract(() => init.describe(shape as number[], fill as api.FillOptions));
  checkContract(() =>
    init.fill(out as Float32Array, shape as number[], rng as number, fill as api.FillOptions),
  );
  // Configs are JSON: the round trip gives the same config (as JSON; -0 prints as 0).
  const again = api.fromConfig(JSON.parse(JSON.stringify(init.config)));
  expect(JSON.stringify(again.config)).toBe(JSON.stringify(init.config));
}

describe('contract of every public function under hostile input (property-based)', () => {
  it('the checker catches raw errors, non-finite results and errors without an argument', () => {
    expectCheckerToCatch();
  });

  it('builders, then calling, describing and filling what they build', () => {
    runProperty(
      fc.property(
        fc
          .constantFrom(...BUILDERS)
          .chain(([builder, scheme]) =>
            fc.tuple(
              fc.constant(builder),
              fc.option(hostileOptions(paramsOf(scheme).concat('multiplier'), goodParam), { nil: undefined }),
            ),
          ),
        hostileShape.chain((shape) => fc.tuple(fc.constant(shape), outArbitrary(shape))),
        rngArbitrary,
        callOptions,
        fillOptions,
        ([builder, options], [shape, out], rng, call, fill) => {
          const build = (api as unknown as Record<string, (o: unknown) => api.Initializer>)[builder] as (
            o: unknown,
          ) => api.Initializer;
          const init = checkContract(() => build(options));
          if (init instanceof api.InitError) return;
          exercise(init as api.Initializer, shape, rng, call, fill, out);
        },
      ),
      1500,
    );
  });

  it('fromConfig with names, aliases, misspellings and hostile parameters', () => {
    const names = SCHEMES.flatMap((s) => [s.name, ...s.aliases, camel(s.name)]);
    const allKeys = [...new Set(SCHEMES.flatMap((s) => paramsOf(s.name)))].concat('multiplier');
    runProperty(
      fc.property(
        fc.oneof(
          {
            weight: 6,
            arbitrary: fc
              .tuple(keyOf(names), hostileOptions(allKeys, goodParam))
              .map(([name, o]) => (o !== null && typeof o === 'object' ? Object.assign(o, { name }) : o)),
          },
          { weight: 1, arbitrary: keyOf(names) },
          { weight: 1, arbitrary: hostileValue },
        ),
        hostileShape,
        rngArbitrary,
        callOptions,
        (config, shape, rng, call) => {
          const init = checkContract(() => api.fromConfig(config as api.SchemeConfig));
          if (init instanceof api.InitError) return;
          exercise(init as api.Initializer, shape, rng, call, undefined, new Float32Array(3));
        },
      ),
      1200,
    );
  });

  it('registry listing, fans, gains and Keras configs', () => {
    const listed = checkContract(() => api.listSchemes());
    expect(JSON.parse(JSON.stringify(listed))).toEqual(listed);
    runProperty(
      fc.property(
        hostileShape,
        fc.option(fc.oneof(goodCallOption, hostileOptions(['layout', 'transposed'], goodCallOption)), {
          nil: undefined,
        }),
        (shape, layout) => {
          checkContract(() => api.computeFans(shape as number[], layout as api.Layout));
        },
      ),
      600,
    );
    runProperty(
      fc.property(
        fc.oneof(
          keyOf(['relu', 'tanh', 'leaky_relu', 'leakyRelu', 'selu', 'linear', 'conv2d']),
          hostileValue,
        ),
        fc.option(hostileNumber),
        (nl, param) => {
          checkContract(() => api.calculateGain(nl as api.Nonlinearity, param as number));
        },
      ),
      600,
    );
    const kerasClasses = [
      'HeNormal',
      'GlorotUniform',
      'VarianceScaling',
      'TruncatedNormal',
      'RandomUniform',
      'RandomNormal',
      'Constant',
      'Orthogonal',
      'Identity',
      'Zeros',
      'STFT',
    ];
    const kerasKeys = [
      'mean',
      'stddev',
      'minval',
      'maxval',
      'value',
      'gain',
      'scale',
      'mode',
      'distribution',
      'seed',
      'input_axes',
    ];
    runProperty(
      fc.property(
        fc.oneof(
          fc.record({
            class_name: fc.oneof(keyOf(kerasClasses), hostileValue),
            config: fc.option(
              hostileOptions(kerasKeys, fc.oneof(goodParam, fc.constantFrom('fan_avg', 'normal', 'uniform'))),
            ),
          }),
          hostileOptions(
            ['class_name', 'config', 'module', 'registered_name'],
            fc.constantFrom('HeNormal', 'keras.initializers', {}),
          ),
          keyOf(kerasClasses),
          hostileValue,
        ),
        hostileShape,
        (keras, shape) => {
          const init = checkContract(() => api.fromKerasConfig(keras as api.KerasInitializerConfig));
          if (init instanceof api.InitError) return;
          checkContract(() => (init as api.Initializer)(shape as number[], 1));
        },
      ),
      600,
    );
  });

  it('stays within the hang bound for the largest shapes a call accepts', () => {
    expect(CALL_LIMIT_MS).toBeGreaterThan(0);
    const t = performance.now();
    checkContract(() => api.zeros()([api.MAX_ELEMENTS + 1]));
    checkContract(() => api.orthogonal().describe([2 ** 30, 2 ** 30]));
    expect(performance.now() - t).toBeLessThan(CALL_LIMIT_MS);
  });
});
