import { describe, expect, it } from 'vitest';
import { CATALOG } from '../test/catalog';
import { InitError } from './errors';
import { calculateGain } from './gain';
import { heNormal, heUniform } from './he';
import { fromKerasConfig } from './keras';
import { normal, randomSmall } from './normal';
import { fromConfig } from './registry';
import { truncatedNormal } from './truncated-normal';
import { uniform } from './uniform';
import { xavierNormal, xavierUniform } from './xavier';

/** Every value is a zero (+0 or -0: a zero scale times a negative draw is -0). */
const allZero = (a: ArrayLike<number>): boolean => Array.from(a).every((v) => v === 0);

// TF.js writes `args.x || DEFAULT`, so an explicit 0 silently becomes the default. Every explicit 0
// here must be taken at its word.
describe('explicit zero arguments are honoured, never replaced by a default', () => {
  it('std 0 and a zero range give constant output', () => {
    expect(Array.from(normal({ mean: 0.5, std: 0 })([3], 1).data)).toEqual([0.5, 0.5, 0.5]);
    expect(Array.from(randomSmall({ std: 0 })([2], 1).data)).toEqual([0, 0]);
    expect(Array.from(uniform({ low: 0, high: 0 })([2], 1).data)).toEqual([0, 0]);
    expect(Array.from(truncatedNormal({ mean: 0, std: 0 })([2], 1).data)).toEqual([0, 0]);
    expect(allZero(xavierUniform({ gain: 0 })([2, 2], 1).data)).toBe(true);
    expect(allZero(xavierNormal({ gain: 0 })([2, 2], 1).data)).toBe(true);
    expect(allZero(heNormal({ multiplier: 0 })([2, 2], 1).data)).toBe(true);
  });

  it('a leaky slope of 0 is 0 (gain sqrt 2), not the 0.01 default', () => {
    expect(calculateGain('leaky_relu', 0)).toBe(Math.SQRT2);
    expect(calculateGain('leaky_relu')).toBe(Math.sqrt(2 / (1 + 0.01 * 0.01)));
    expect(heUniform({ nonlinearity: 'leaky_relu', slope: 0 }).describe([4, 4]).gain).toBe(Math.SQRT2);
    expect(
      fromConfig({ name: 'kaiming_normal', nonlinearity: 'leaky_relu', a: 0 }).describe([4, 4]).gain,
    ).toBe(Math.SQRT2);
  });

  it('Keras configs with explicit zeros keep them (minval 0, stddev 0, gain 0, mean 0)', () => {
    expect(fromKerasConfig({ class_name: 'RandomUniform', config: { minval: 0 } }).config).toMatchObject({
      low: 0,
      high: 0.05,
    });
    expect(
      Array.from(fromKerasConfig({ class_name: 'RandomNormal', config: { stddev: 0 } })([2], 1).data),
    ).toEqual([0, 0]);
    // Keras TruncatedNormal(mean, stddev=0) is the constant mean: the cut interval collapses to it.
    const tn = fromKerasConfig({ class_name: 'TruncatedNormal', config: { mean: 0.25, stddev: 0 } });
    expect(Array.from(tn([3], 1).data)).toEqual([0.25, 0.25, 0.25]);
    expect(allZero(fromKerasConfig({ class_name: 'Orthogonal', config: { gain: 0 } })([2, 2], 1).data)).toBe(
      true,
    );
    expect(allZero(fromKerasConfig({ class_name: 'Identity', config: { gain: 0 } })([2, 2]).data)).toBe(true);
  });

  it('a == b in truncated_normal writes a (as PyTorch trunc_normal_); a > b is an error', () => {
    expect(
      Array.from(truncatedNormal({ std: 1, a: 0.3, b: 0.3 })([2], 0, { dtype: 'float64' }).data),
    ).toEqual([0.3, 0.3]);
    expect(() => truncatedNormal({ a: 0.4, b: 0.3 })).toThrow(InitError);
  });
});

describe('seed 0 is a seed', () => {
  it('seed 0 and 0n agree, and differ from seed 1 for every random scheme', () => {
    for (const [name, { config, shape }] of Object.entries(CATALOG)) {
      const init = fromConfig(config);
      if (!init.stochastic) continue;
      const a = Array.from(init(shape, 0).data);
      expect(Array.from(init(shape, 0n).data), name).toEqual(a);
      expect(Array.from(init(shape, 1).data), name).not.toEqual(a);
    }
  });
});
