import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, DEFAULT_ALGORITHM } from './create-rng';
import { isRng, toRng } from './to-rng';

// toRng builds the default stream itself (so that it does not reach every algorithm): it must be exactly
// createRng(seed) with the default algorithm, in its bits, its state, and its children.
describe('toRng(seed) is createRng(seed)', () => {
  const seeds = [
    0,
    1,
    -1,
    42,
    2 ** 53 - 1,
    -(2 ** 53 - 1),
    7n,
    -(2n ** 80n),
    '',
    'init',
    'héllo wörld',
    '\ud800',
  ];

  it.each(seeds.map((s) => [typeof s === 'bigint' ? `${s}n` : JSON.stringify(s), s]))(
    'the same stream for %s',
    (_, seed) => {
      const a = toRng(seed);
      const b = createRng(seed);
      expect(a.algorithm).toBe(DEFAULT_ALGORITHM);
      expect(isRng(a)).toBe(true);
      expect(a.getState()).toEqual(b.getState());
      expect(a.fillNormal(new Float32Array(1000))).toEqual(b.fillNormal(new Float32Array(1000)));
      expect(a.fillUniform(new Float64Array(101), -2, 3)).toEqual(
        b.fillUniform(new Float64Array(101), -2, 3),
      );
      expect([a.nextUint32(), a.random(), a.integer(0, 1000)]).toEqual([
        b.nextUint32(),
        b.random(),
        b.integer(0, 1000),
      ]);
      expect(a.fork('layer.0.weight').normalArray(64)).toEqual(b.fork('layer.0.weight').normalArray(64));
      expect(a.split(3).map((c) => c.nextUint32())).toEqual(b.split(3).map((c) => c.nextUint32()));
      expect(a.getState()).toEqual(b.getState());
    },
  );

  it('for any integer, bigint or string seed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.bigInt(), fc.string({ unit: 'binary' })), (seed) => {
        const a = toRng(seed);
        const b = createRng(seed);
        expect(a.getState()).toEqual(b.getState());
        expect(a.fillNormal(new Float32Array(40), 0, 0.02)).toEqual(
          b.fillNormal(new Float32Array(40), 0, 0.02),
        );
      }),
      { numRuns: 200, seed: 8 },
    );
  });

  it('returns an Rng unchanged and names the argument rng for a bad seed', () => {
    const rng = createRng(3, { algorithm: 'xoshiro128**' });
    expect(toRng(rng)).toBe(rng);
    expect(() => toRng(1.5)).toThrow(expect.objectContaining({ name: 'RngError', argument: 'rng' }));
    expect(() => toRng(Number.NaN)).toThrow(expect.objectContaining({ code: 'NOT_FINITE', argument: 'rng' }));
  });
});
