import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activationArb,
  hostileNumber,
  hostileOptions,
  hostileValue,
  keyOf,
  weirdString,
} from '../test/contract-arbitraries';
import { checkConfigs, checkContract } from '../test/contract-check';
import * as api from './index';
import { KINDS } from './plan-model';

/** Fixed seed and bounded runs: deterministic, and the whole file stays well under 45 s. */
const RUN: fc.Parameters<unknown> = { seed: 20_261_202, numRuns: 60 };
const CHEAP: fc.Parameters<unknown> = { seed: 20_261_202, numRuns: 150 };

const params = hostileOptions({ sigmaW2: hostileNumber, sigmaB2: hostileNumber });

type Fn = (...args: never[]) => unknown;
const fns = Object.entries(api).filter(([, v]) => typeof v === 'function' && v !== api.AdvisorError) as [
  string,
  Fn,
][];

describe('contract: every exported function, any arguments', () => {
  it('covers every export: functions here, constants checked for finite numbers', () => {
    expect(fns.length).toBeGreaterThan(25);
    for (const [name, value] of Object.entries(api)) {
      if (typeof value === 'function') continue;
      checkContract(`constant ${name}`, () => value);
    }
  });
  for (const [name, f] of fns) {
    it(`${name}(...hostile) returns or throws AdvisorError within the bound`, () => {
      fc.assert(
        fc.property(fc.array(hostileValue, { maxLength: 4 }), (args) => {
          checkContract(name, () => (f as (...a: unknown[]) => unknown)(...args));
        }),
        CHEAP,
      );
    });
  }
  it('new AdvisorError never throws, even for hostile fields', () => {
    fc.assert(
      fc.property(hostileValue, hostileValue, hostileValue, (code, argument, message) => {
        const e = new api.AdvisorError(code as never, argument as never, message as never);
        expect(typeof e.argument).toBe('string');
        expect(typeof e.message).toBe('string');
      }),
      CHEAP,
    );
  });
});

describe('contract: near-valid arguments (the edges of each function)', () => {
  const prop = (label: string, arb: fc.Arbitrary<unknown[]>, f: (...a: unknown[]) => unknown, runs = RUN) =>
    it(label, () => {
      fc.assert(
        fc.property(arb, (args) => {
          checkContract(label, () => f(...args));
        }),
        runs,
      );
    });
  const A = api as unknown as Record<string, (...a: unknown[]) => unknown>;

  prop('varianceGain', fc.tuple(activationArb, hostileOptions({ centered: fc.boolean() })), A.varianceGain!);
  prop('activationMoments', fc.tuple(activationArb, hostileNumber), A.activationMoments!);
  prop(
    'resolveActivation',
    fc.tuple(activationArb, fc.option(weirdString, { nil: undefined })),
    A.resolveActivation!,
    CHEAP,
  );
  prop(
    'gaussianExpectation',
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          Math.sin,
          (x: number) => x,
          (x: number) => x * x,
          Math.exp,
        ),
        hostileValue,
      ),
      hostileOptions({
        mean: hostileNumber,
        variance: hostileNumber,
        order: hostileNumber,
        panel: hostileNumber,
        breakpoints: fc.array(hostileNumber, { maxLength: 4 }),
      }),
    ),
    A.gaussianExpectation!,
  );
  prop('varianceMap', fc.tuple(activationArb, hostileNumber, params), A.varianceMap!);
  prop('varianceFixedPoint', fc.tuple(activationArb, params, hostileNumber), A.varianceFixedPoint!);
  prop('chi1', fc.tuple(activationArb, params), A.chi1!);
  prop('depthScales', fc.tuple(activationArb, params), A.depthScales!, { seed: RUN.seed, numRuns: 40 });
  prop('criticalSigmaW', fc.tuple(activationArb, hostileNumber), A.criticalSigmaW!, {
    seed: RUN.seed,
    numRuns: 30,
  });
  prop(
    'propagate',
    fc.tuple(
      hostileOptions({
        activation: activationArb,
        depth: fc.oneof(fc.integer({ min: 1, max: 60 }), hostileNumber),
        sigmaW2: hostileNumber,
        sigmaB2: hostileNumber,
        inputVariance: hostileNumber,
      }),
    ),
    A.propagate!,
  );
  prop(
    'propagateLayers',
    fc.tuple(
      fc.oneof(
        fc.array(
          hostileOptions({
            activation: activationArb,
            sigmaW2: hostileNumber,
            sigmaB2: hostileNumber,
            backwardSigmaW2: hostileNumber,
            branch: fc.constantFrom('a', 'b'),
            normalizedInput: fc.boolean(),
            name: weirdString,
          }),
          { maxLength: 6 },
        ),
        hostileValue,
      ),
      hostileNumber,
    ),
    A.propagateLayers!,
  );
  prop(
    'special functions',
    fc.tuple(hostileValue),
    (x) => [A.erf!(x), A.erfc!(x), A.normalCdf!(x), A.normalPdf!(x)],
    CHEAP,
  );
  prop('quadrature rules', fc.tuple(hostileNumber), (n) => [A.gaussHermite!(n), A.gaussLegendre!(n)], CHEAP);
  prop(
    'weightStatistics',
    fc.tuple(
      hostileOptions({
        name: fc.constantFrom('he_normal', 'normal', 'orthogonal', 'sparse', 'uniform'),
        std: hostileNumber,
        gain: hostileNumber,
      }),
      fc.oneof(fc.array(fc.integer({ min: 0, max: 64 }), { maxLength: 4 }), hostileValue),
    ),
    A.weightStatistics!,
    CHEAP,
  );
  const paddingRow = fc.oneof(fc.integer({ min: -12, max: 12 }), hostileValue);
  prop(
    'materialize: a tiny LLaMA config with any pad_token_id',
    fc.tuple(paddingRow),
    (pad) =>
      A.materialize!(
        {
          hidden_size: 4,
          intermediate_size: 6,
          num_hidden_layers: 1,
          num_attention_heads: 2,
          vocab_size: 5,
          pad_token_id: pad,
        },
        { seed: 1 },
      ),
    CHEAP,
  );
  prop(
    'materialize: a list entry with any paddingRow',
    fc.tuple(paddingRow, fc.constantFrom([5, 3], [4], [], [0, 2], [3, 2, 2])),
    (row, shape) => A.materialize!([{ name: 'e', shape, init: 'normal', paddingRow: row }], { seed: 2 }),
    CHEAP,
  );
  prop(
    'explain',
    fc.tuple(fc.oneof(fc.constantFrom('orthogonal', 'he_normal', 'glorot_uniform'), hostileValue)),
    A.explain!,
    CHEAP,
  );
  prop(
    'matchUseCase / getPreset',
    fc.tuple(
      fc.oneof(weirdString, fc.constantFrom('face detection on a chip', 'voice commands'), hostileValue),
    ),
    (t) => [
      (() => {
        try {
          return A.matchUseCase!(t);
        } catch (e) {
          if (e instanceof api.AdvisorError) return undefined;
          throw e;
        }
      })(),
      A.getPreset!(t),
    ],
    CHEAP,
  );

  const context = hostileOptions({
    activation: activationArb,
    architecture: fc.constantFrom('mlp', 'cnn', 'lstm', 'gru', 'rnn', 'transformer', 'resnet', 'autoencoder'),
    depth: fc.oneof(fc.integer({ min: 1, max: 200 }), hostileNumber),
    width: fc.oneof(fc.integer({ min: 1, max: 4096 }), hostileNumber),
    normalization: fc.constantFrom('none', 'batch', 'layer'),
    residual: fc.boolean(),
    target: fc.constantFrom('default', 'edge', 'iot'),
    preset: fc.constantFrom('digit_recognition', 'iot_face_detection', 'voice_commands'),
    useCase: fc.constantFrom('stock prediction with SELU', 'face detection on a low-power chip', 'weather'),
    outputActivation: fc.constantFrom('sigmoid', 'softmax', 'linear'),
    considering: hostileOptions({
      name: fc.constantFrom('zeros', 'normal', 'random_small', 'he_normal'),
      std: hostileNumber,
    }),
  });
  it('recommend: contract, JSON-safe, and every config it hands out builds with fromConfig', () => {
    fc.assert(
      fc.property(context, (ctx) => {
        const r = checkContract('recommend', () => api.recommend(ctx as never));
        if (r === undefined) return;
        expect(() => JSON.stringify(r)).not.toThrow();
        checkConfigs('recommend', [
          r.scheme,
          ...(r.bias ? [r.bias] : []),
          ...r.roles.map((x) => x.scheme),
          ...r.alternatives.map((x) => x.scheme),
        ]);
      }),
      RUN,
    );
  });

  const kinds = KINDS;
  const layer = hostileOptions({
    kind: fc.constantFrom(...kinds),
    shape: fc.oneof(
      fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }),
      fc.array(hostileNumber, { maxLength: 5 }),
    ),
    activation: fc.oneof(fc.constantFrom('relu', 'tanh', 'softmax', 'linear'), activationArb),
    branch: fc.constantFrom('a', 'b'),
    bias: fc.boolean(),
    output: fc.boolean(),
    name: weirdString,
  });
  const model = hostileOptions({
    activation: fc.constantFrom('relu', 'tanh', 'gelu'),
    architecture: fc.constantFrom('mlp', 'cnn', 'resnet', 'transformer'),
    normalization: fc.constantFrom('none', 'batch', 'layer'),
    name: weirdString,
    layers: fc.oneof(
      { weight: 5, arbitrary: fc.array(layer, { minLength: 1, maxLength: 6 }) },
      { weight: 1, arbitrary: hostileValue },
    ),
  });
  it('plan: contract, JSON-safe, and every planned scheme builds with fromConfig', () => {
    fc.assert(
      fc.property(model, (m) => {
        const p = checkContract('plan', () => api.plan(m as never));
        if (p === undefined) return;
        expect(() => JSON.stringify(p)).not.toThrow();
        checkConfigs(
          'plan',
          p.parameters.map((x) => x.scheme),
        );
      }),
      RUN,
    );
  });
  it('misspelled option keys are rejected, never ignored', () => {
    fc.assert(
      fc.property(keyOf(['sigmaW2', 'sigmaB2']), hostileNumber, (key, value) => {
        if (key === 'sigmaW2' || key === 'sigmaB2') return;
        expect(() => api.chi1('relu', { sigmaW2: 2, [key]: value } as never)).toThrow(api.AdvisorError);
        expect(() =>
          api.propagate({ activation: 'relu', depth: 3, sigmaW2: 2, [key]: value } as never),
        ).toThrow(api.AdvisorError);
      }),
      CHEAP,
    );
  });
});

describe('the contract checker can fail', () => {
  it('flags a raw TypeError, a NaN in a result, an undocumented Infinity and a missing argument', () => {
    expect(() => checkContract('t', () => (null as unknown as { x: number }).x)).toThrow(/non-AdvisorError/);
    expect(() => checkContract('t', () => ({ a: [1, Number.NaN] }))).toThrow(
      /non-finite number at result\.a\[1\]/,
    );
    expect(() => checkContract('t', () => ({ q: Number.POSITIVE_INFINITY }))).toThrow(/non-finite/);
    expect(checkContract('t', () => ({ xiGrad: Number.POSITIVE_INFINITY }))).toBeDefined();
    expect(() =>
      checkContract('t', () => {
        throw new api.AdvisorError('INVALID_ARGUMENT', '', 'x');
      }),
    ).toThrow(/without an argument/);
    expect(() => checkConfigs('t', [{ name: 'nonexistent' }])).toThrow(/does not build/);
  });
});
