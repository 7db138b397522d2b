import { describe, expect, it } from 'vitest';
import { CATALOG } from '../test/catalog';
import { constant, zeros } from './constant';
import { InitError } from './errors';
import { heNormal, heUniform } from './he';
import { identity } from './identity';
import { FLOAT32_MAX, MAX_ELEMENTS } from './limits';
import { normal } from './normal';
import { orthogonal } from './orthogonal';
import { chronoBias } from './recurrent';
import { fromConfig, listSchemes } from './registry';
import { sparse, toCsr } from './sparse';
import { truncatedNormal } from './truncated-normal';
import { uniform } from './uniform';
import { varianceScaling } from './variance-scaling';
import { xavierNormal } from './xavier';

function errorOf(fn: () => unknown): InitError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InitError);
    return e as InitError;
  }
  return expect.unreachable('expected an InitError') as never;
}

function expectError(fn: () => unknown, code: string, argument: string): void {
  const e = errorOf(fn);
  expect([e.code, e.argument], e.message).toEqual([code, argument]);
}

describe('shapes with more than MAX_ELEMENTS elements are rejected before any allocation', () => {
  it('throws TOO_LARGE naming the shape, quickly, for every scheme', () => {
    expect(MAX_ELEMENTS).toBe(2 ** 30);
    expectError(() => heNormal()([1e9, 1e9], 0), 'TOO_LARGE', 'shape');
    expectError(() => zeros()([65536, 65536]), 'TOO_LARGE', 'shape');
    expectError(() => zeros()([2 ** 15, 2 ** 15 + 1]), 'TOO_LARGE', 'shape');
    for (const s of listSchemes()) {
      const { config, shape } = CATALOG[s.name] as (typeof CATALOG)[string];
      // Scale the first dimension (or every gate block) past the limit, keeping the rank.
      const big = shape.map((d, i) => (i === 0 ? d * 2 ** 30 : d));
      const t = performance.now();
      expectError(() => fromConfig(config)(big, 1), 'TOO_LARGE', 'shape');
      expectError(() => fromConfig(config).fill(new Float32Array(1), big, 1), 'SHAPE_MISMATCH', 'out');
      expect(performance.now() - t).toBeLessThan(1000);
    }
  });

  it('a zero-size shape is never too large, and describe does not allocate', () => {
    expect(zeros()([0, 2 ** 53 - 1]).data.length).toBe(0);
    expect(zeros()([2 ** 40, 2 ** 40, 0]).data.length).toBe(0);
    expect(heNormal().describe([2 ** 30, 2 ** 30]).std).toBeCloseTo(Math.SQRT2 / 2 ** 15, 15);
  });

  it('toCsr checks its arguments', () => {
    expectError(() => toCsr(null as unknown as Float32Array, 1, 1), 'INVALID_ARGUMENT', 'data');
    expectError(() => toCsr(new Float32Array(0), 2 ** 53 - 1, 0), 'TOO_LARGE', 'rows');
    expectError(() => toCsr(new Float32Array(0), 0, Number.NaN), 'INVALID_ARGUMENT', 'cols');
  });
});

describe('finite settings whose output would overflow the dtype throw NOT_FINITE, naming the setting', () => {
  it('float32 range', () => {
    expectError(() => constant({ value: 1e39 })([2]), 'NOT_FINITE', 'value');
    expect(constant({ value: 1e39 })([2], undefined, { dtype: 'float64' }).data[0]).toBe(1e39);
    expectError(() => constant({ value: 3e38, multiplier: 2 })([2]), 'NOT_FINITE', 'multiplier');
    expect(constant({ value: FLOAT32_MAX })([1]).data[0]).toBe(FLOAT32_MAX);
    expectError(() => orthogonal({ gain: 1e308 })([4, 4], 1), 'NOT_FINITE', 'gain');
    expectError(() => identity({ gain: 1e39 })([2, 2]), 'NOT_FINITE', 'gain');
    expectError(() => uniform({ low: -1e39, high: 0 })([2], 1), 'NOT_FINITE', 'low');
    expectError(() => uniform({ high: 1e39 })([2], 1), 'NOT_FINITE', 'high');
    expectError(() => normal({ std: 1e37 })([2], 1), 'NOT_FINITE', 'std');
    expectError(() => normal({ mean: 1e39 })([2], 1), 'NOT_FINITE', 'mean');
    expectError(() => heUniform({ multiplier: 1e308 })([2, 2], 1), 'NOT_FINITE', 'multiplier');
    expectError(() => xavierNormal({ gain: 1e38 })([2, 2], 1), 'NOT_FINITE', 'gain');
    expectError(() => varianceScaling({ scale: 1e78 })([2, 2], 1), 'NOT_FINITE', 'scale');
    expectError(() => sparse({ sparsity: 0.5, std: 1e37 })([4, 4], 1), 'NOT_FINITE', 'std');
    expectError(() => truncatedNormal({ a: -1e39, b: 0 })([2], 1), 'NOT_FINITE', 'a');
    expectError(() => truncatedNormal({ a: 0, b: null, std: 1e37 })([2], 1), 'NOT_FINITE', 'std');
    expectError(() => chronoBias({ tMax: 1e39 })([8], 1), 'NOT_FINITE', 't_max');
    expect(chronoBias({ tMax: 1e39 })([8], 1, { dtype: 'float64' }).data.every(Number.isFinite)).toBe(true);
    // fill reads the dtype from the buffer.
    expectError(() => orthogonal({ gain: 1e300 }).fill(new Float32Array(4), [2, 2], 1), 'NOT_FINITE', 'gain');
    expect(orthogonal({ gain: 1e300 }).fill(new Float64Array(4), [2, 2], 1).every(Number.isFinite)).toBe(
      true,
    );
  });

  it('float64 range, also in describe', () => {
    expectError(() => normal({ std: 1e300 })([2], 1), 'NOT_FINITE', 'std');
    expect(normal({ std: 1e300 })([2], 1, { dtype: 'float64' }).data.every(Number.isFinite)).toBe(true);
    expectError(() => normal({ std: 1e307 })([2], 1, { dtype: 'float64' }), 'NOT_FINITE', 'std');
    expectError(() => normal({ std: 1e307 }).describe([2]), 'NOT_FINITE', 'std');
    expectError(() => uniform({ low: -1e308, high: 1e308 }).describe([2]), 'NOT_FINITE', 'high');
    expectError(() => heNormal({ multiplier: 1e308 }).describe([2, 2]), 'NOT_FINITE', 'multiplier');
    expectError(() => constant({ value: 1e300, multiplier: 1e300 })([1]), 'NOT_FINITE', 'multiplier');
  });

  it('every scheme with a multiplier of 1e308 throws in float32, none returns a non-finite value', () => {
    for (const s of listSchemes()) {
      const { config, shape } = CATALOG[s.name] as (typeof CATALOG)[string];
      for (const multiplier of [1e308, -1e308, 1e38, 1e30]) {
        for (const dtype of ['float32', 'float64'] as const) {
          let data: Float32Array | Float64Array | undefined;
          try {
            data = fromConfig({ ...config, multiplier })(shape, 1, { dtype }).data;
          } catch (e) {
            expect(e).toBeInstanceOf(InitError);
            expect((e as InitError).code).toBe('NOT_FINITE');
            continue;
          }
          expect(data.every(Number.isFinite), `${s.name} x ${multiplier} ${dtype}`).toBe(true);
        }
      }
    }
  });
});
