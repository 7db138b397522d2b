import { describe, expect, it } from 'vitest';
import { ALGORITHMS, createRng, fromState } from './create-rng';
import { RngError, type RngErrorCode } from './errors';
import { setFillBackend } from './fill-kernels';
import { MAX_ELEMENTS, MAX_SPLIT } from './limits';
import type { Rng } from './rng-types';
import { isRng, toRng } from './to-rng';

function expectError(fn: () => unknown, code: RngErrorCode, argument: string, message?: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(RngError);
  expect((thrown as RngError).code).toBe(code);
  expect((thrown as RngError).argument).toBe(argument);
  if (message) expect((thrown as RngError).message).toMatch(message);
}

const bare = () => Object.create(null) as object;
const rng = createRng(1);
const f32 = new Float32Array(8);
const f64 = new Float64Array(8);

describe('unknown option keys are rejected with a suggestion', () => {
  it.each<[string, () => unknown]>([
    ['createRng', () => createRng(1, { algoritm: 'alea' } as never)],
    ['fillUniform', () => rng.fillUniform(f32, 0, 1, { ofset: 0 } as never)],
    ['fillNormal', () => rng.fillNormal(f32, 0, 1, { ofset: 0 } as never)],
    ['fillTruncatedNormal', () => rng.fillTruncatedNormal(f32, 0, 1, -2, 2, { ofset: 0 } as never)],
    ['fillBernoulli', () => rng.fillBernoulli(f32, 0.5, { ofset: 0 } as never)],
    ['uniformArray', () => rng.uniformArray(3, 0, 1, { dtyep: 'float64' } as never)],
    ['normalArray', () => rng.normalArray(3, 0, 1, { dtyep: 'float64' } as never)],
    ['truncatedNormalArray', () => rng.truncatedNormalArray(3, 0, 1, -2, 2, { dtyep: 'float64' } as never)],
  ])('%s', (_name, call) => {
    expectError(call, 'INVALID_ARGUMENT', 'options', /did you mean '(algorithm|offset|dtype)'\?/);
  });
  it('a state with an unknown field is an INVALID_STATE naming the field', () => {
    const state = { ...createRng(1).getState(), postion: 3 };
    expectError(() => fromState(state), 'INVALID_STATE', 'state', /"postion" \(did you mean 'position'\?\)/);
  });
  it('the array forms still take dtype and offset', () => {
    const a = rng.normalArray(5, 0, 1, { dtype: 'float64', offset: 10 });
    expect(a).toBeInstanceOf(Float64Array);
    expect(a).toEqual(createRng(1).fillNormal(new Float64Array(5), 0, 1, { offset: 10 }));
  });
});

describe('null, prototype-less objects, bigints and symbols give typed errors', () => {
  const hostile: [string, () => unknown][] = [
    ['null', () => null],
    ['prototype-less object', bare],
    ['bigint', () => 5n],
    ['symbol', () => Symbol('x')],
  ];
  for (const [label, make] of hostile) {
    it.each<[string, (v: unknown) => unknown, string]>([
      ['createRng options', (v) => createRng(1, v as never), 'options'],
      ['createRng algorithm', (v) => createRng(1, { algorithm: v as never }), 'algorithm'],
      ['fill options', (v) => rng.fillNormal(f32, 0, 1, v as never), 'options'],
      ['array options', (v) => rng.normalArray(2, 0, 1, v as never), 'options'],
      ['mean', (v) => rng.normal(v as never), 'mean'],
      ['out', (v) => rng.fillUniform(v as never), 'out'],
      ['fork label', (v) => rng.fork(v as never), 'label'],
      ['shuffle', (v) => rng.shuffle(v as never), 'array'],
      ['permutation', (v) => rng.permutation(v as never), 'n'],
      ['setFillBackend', (v) => setFillBackend(v as never), 'backend'],
      ['fromState', (v) => fromState(v as never), 'state'],
    ])(`${label} as %s`, (_name, call, argument) => {
      const value = make();
      if (label === 'prototype-less object' && argument === 'options') {
        expect(() => call(value)).not.toThrow(); // an empty options object without a prototype is valid
        return;
      }
      let thrown: unknown;
      try {
        call(value);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(RngError);
      expect((thrown as RngError).argument.split('.')[0]).toBe(argument);
      expect(typeof (thrown as RngError).code).toBe('string');
    });
  }
  it('a prototype-less object as seed or algorithm is described, not converted', () => {
    expectError(() => createRng(bare() as never), 'INVALID_ARGUMENT', 'seed', /got object/);
    expectError(
      () => createRng(1, { algorithm: bare() as never }),
      'INVALID_ARGUMENT',
      'algorithm',
      /got object/,
    );
    expectError(() => toRng(Symbol('s') as never), 'INVALID_ARGUMENT', 'rng', /got symbol "s"/);
  });
});

describe('isRng checks every method of the interface', () => {
  const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(Object.getPrototypeOf(rng))).filter(
    (name) =>
      name !== 'constructor' && typeof (rng as unknown as Record<string, unknown>)[name] === 'function',
  );
  it('accepts a real stream of every algorithm', () => {
    for (const algorithm of ALGORITHMS) expect(isRng(createRng(1, { algorithm }))).toBe(true);
  });
  it.each(['fillTruncatedNormal', 'nextUint32', 'truncatedNormalArray', 'shuffle', 'split'])(
    'rejects a copy without %s',
    (missing) => {
      const copy: Record<string, unknown> = { algorithm: 'philox' };
      for (const name of [...methods, 'nextUint32']) if (name !== missing) copy[name] = () => 0;
      expect(isRng(copy)).toBe(false);
      copy[missing] = () => 0;
      expect(isRng(copy as unknown as Rng)).toBe(true);
    },
  );
  it('returns false for a proxy that throws', () => {
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no');
        },
      },
    );
    expect(isRng(trap)).toBe(false);
  });
});

describe('nothing impossible is allocated, nothing hangs', () => {
  it.each<[string, () => unknown, string]>([
    ['permutation(2^32 - 1)', () => rng.permutation(2 ** 32 - 1), 'n'],
    ['uniformArray(2^32 - 1)', () => rng.uniformArray(2 ** 32 - 1), 'n'],
    ['normalArray(MAX + 1)', () => rng.normalArray(MAX_ELEMENTS + 1), 'n'],
    ['truncatedNormalArray(1e12)', () => rng.truncatedNormalArray(1e12, 0, 1, -2, 2), 'n'],
    ['sample(2^32 - 1, 2^30)', () => rng.sample(2 ** 32 - 1, 2 ** 30), 'k'],
    ['sample(2^32 - 1, 2^23)', () => rng.sample(2 ** 32 - 1, 2 ** 23), 'k'],
    ['shuffle({ length: 1e9 })', () => rng.shuffle({ length: 1e9 }), 'array.length'],
    ['split(2^32 - 1)', () => rng.split(2 ** 32 - 1), 'n'],
    ['split(MAX_SPLIT + 1)', () => rng.split(MAX_SPLIT + 1), 'n'],
  ])('%s throws TOO_LARGE first', (_name, call, argument) => {
    const t0 = performance.now();
    expectError(call, 'TOO_LARGE', argument);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
  it.each([Number.NaN, -1, 1.5, '3', null])('shuffle({ length: %s }) throws', (length) => {
    let thrown: unknown;
    try {
      rng.shuffle({ length } as never);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RngError);
    expect((thrown as RngError).argument).toBe('array.length');
  });
  it('a frozen array is rejected before any swap', () => {
    const a = Object.freeze([1, 2, 3]);
    expectError(() => rng.shuffle(a as never), 'INVALID_ARGUMENT', 'array', /frozen/);
  });
  it('the limits themselves are served', () => {
    expect(rng.split(MAX_SPLIT)).toHaveLength(MAX_SPLIT);
    expect(rng.sample(2 ** 32 - 1, 5)).toHaveLength(5);
    expect(new Set(rng.sample(2 ** 20, 2 ** 19)).size).toBe(2 ** 19);
  });
});

describe('truncated normal far from the mean: never hangs, never silently wrong', () => {
  it.each([1e308, 5e307, 1e17, 1e8, 1e5, -1e308, -1e17])('mean %d, std 1 on [-2, 2]', (mean) => {
    const t0 = performance.now();
    const out = createRng(3).fillTruncatedNormal(new Float64Array(10_000), mean, 1, -2, 2);
    expect(performance.now() - t0).toBeLessThan(2000);
    const bound = mean > 0 ? 2 : -2;
    // Exact answer: bound - sign * Exp(rate d) with d = |bound - mean| (far tail), mean offset 1/d.
    const d = Math.abs(bound - mean);
    let offset = 0;
    for (const v of out) {
      expect(v >= -2 && v <= 2).toBe(true);
      offset += Math.abs(v - bound);
    }
    offset /= out.length;
    // Mean offset of Exp(d) is 1/d; 10^4 samples: within 6 standard errors (1/d each) plus two ulps of 2.
    expect(Math.abs(offset - 1 / d)).toBeLessThan(6 / d / Math.sqrt(out.length) + 2 * 2 ** -51);
  });
  it('the single draw returns at once too', () => {
    expect(createRng(1).truncatedNormal(1e308, 1, -2, 2)).toBe(2);
    expect(createRng(1).truncatedNormal(-1e308, 1, -2, 2)).toBe(-2);
  });
  it('bounds whose distance to the mean overflows are standardized without overflow', () => {
    // (lower - mean) overflows, yet (lower - mean) / std = -2: the interval is [-2, 0] standard deviations.
    const out = createRng(2).fillTruncatedNormal(new Float64Array(20_000), 1e308, 1e308, -1e308, 1e308);
    expect(out.every((v) => v >= -1e308 && v <= 1e308)).toBe(true);
    const below = out.filter((v) => v < 0).length / out.length;
    // P(Z < -1 | -2 <= Z <= 0) = (Phi(-1) - Phi(-2)) / (1/2 - Phi(-2)) = 0.2848 for N(0,1): within 6 sigma.
    expect(Math.abs(below - 0.2848)).toBeLessThan(6 * Math.sqrt((0.2848 * 0.7152) / out.length));
  });
  it('the far-tail regime is index-addressable and the same on both backends', () => {
    const one = createRng(5).fillTruncatedNormal(new Float64Array(100), 1e6, 1, 0, 1);
    const part = createRng(5).fillTruncatedNormal(new Float64Array(30), 1e6, 1, 0, 1, { offset: 50 });
    expect(part).toEqual(one.subarray(50, 80));
    setFillBackend('ts');
    const ts = createRng(5).fillTruncatedNormal(new Float64Array(100), 1e6, 1, 0, 1);
    setFillBackend(undefined);
    expect(ts).toEqual(one);
  });
});

describe('finite settings never give a non-finite number', () => {
  it.each<[string, () => unknown, string]>([
    ['normal mean 1e308 std 1e308', () => rng.normal(1e308, 1e308), 'std'],
    ['normal std 1e308', () => rng.normal(0, 1e308), 'std'],
    ['normal float32 mean 1e39', () => rng.fillNormal(f32, 1e39, 0), 'mean'],
    ['normal float32 std 1e38', () => rng.fillNormal(f32, 0, 1e38), 'std'],
    ['normalArray float32 std 1e38', () => rng.normalArray(4, 0, 1e38), 'std'],
    ['truncated [0, inf) std 1e308', () => rng.truncatedNormal(0, 1e308, 0, Number.POSITIVE_INFINITY), 'std'],
    [
      'truncated float32 (-inf, inf) std 1e38',
      () => rng.fillTruncatedNormal(f32, 0, 1e38, -Infinity, Infinity),
      'std',
    ],
    ['truncated float32 [0, inf) std 1e37', () => rng.fillTruncatedNormal(f32, 0, 1e37, 0, Infinity), 'std'],
    ['uniform float32 [0, 1e39)', () => rng.fillUniform(f32, 0, 1e39), 'high'],
  ])('%s throws NOT_FINITE', (_name, call, argument) => {
    expectError(call, 'NOT_FINITE', argument);
  });
  it('the largest settings that fit still work', () => {
    expect(Number.isFinite(rng.normal(1e308, 1e306))).toBe(true);
    expect(rng.fillNormal(f32, 0, 1e37).every(Number.isFinite)).toBe(true);
    expect(rng.fillTruncatedNormal(f64, 1e308, 1e308, -1e308, 1e308).every(Number.isFinite)).toBe(true);
    expect(rng.fillTruncatedNormal(f32, 0, 1e30, 0, Infinity).every(Number.isFinite)).toBe(true);
  });
});
