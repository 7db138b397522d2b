import { describe, expect, it } from 'vitest';
import { ALGORITHMS, createRng, fromState } from './create-rng';
import type { Rng } from './rng-types';
import { isRng, toRng } from './to-rng';

function draw(rng: Rng): number[] {
  return [
    rng.nextUint32(),
    rng.random(),
    rng.normal(),
    rng.uniform(-1, 2),
    rng.truncatedNormal(0, 1, 3, 6),
    rng.integer(-5, 1000),
    ...rng.fillNormal(new Float32Array(7)),
    ...rng.fillUniform(new Float64Array(5)),
    ...rng.permutation(5),
  ];
}

describe.each(ALGORITHMS)('streams of %s', (algorithm) => {
  it('getState round trip (through JSON) resumes the exact sequence', () => {
    const a = createRng('state', { algorithm });
    draw(a);
    a.split(2);
    const saved = JSON.parse(JSON.stringify(a.getState()));
    const b = createRng(saved);
    const c = fromState(saved);
    const expected = draw(a);
    expect(draw(b)).toEqual(expected);
    expect(draw(c)).toEqual(expected);
    expect(b.fork('x').nextUint32()).toBe(a.fork('x').nextUint32());
    expect(b.split(1)[0]!.nextUint32()).toBe(a.split(1)[0]!.nextUint32());
  });

  it('fork depends only on (key, label), not on position or creation order', () => {
    const a = createRng(9, { algorithm });
    const b = createRng(9, { algorithm });
    draw(b);
    const fa = [a.fork('encoder.0.weight'), a.fork('encoder.0.bias')];
    const fb = [b.fork('encoder.0.bias'), b.fork('encoder.0.weight')];
    expect(draw(fa[0]!)).toEqual(draw(fb[1]!));
    expect(draw(fa[1]!)).toEqual(draw(fb[0]!));
    expect(a.fork('x').nextUint32()).not.toBe(a.fork('y').nextUint32());
    expect(a.fork('').algorithm).toBe(algorithm);
  });

  it('split gives distinct children; successive splits differ', () => {
    const rng = createRng(3, { algorithm });
    const kids = rng.split(4);
    const more = rng.split(4);
    const firsts = new Set([...kids, ...more].map((k) => k.nextUint32()));
    expect(firsts.size).toBe(8);
    expect(rng.split(0)).toEqual([]);
  });

  it('is recognised by isRng and passed through by toRng', () => {
    const rng = createRng(1, { algorithm });
    expect(isRng(rng)).toBe(true);
    expect(toRng(rng)).toBe(rng);
  });
});

describe('toRng / isRng', () => {
  it('turns a seed into a default-algorithm stream', () => {
    expect(toRng(7).algorithm).toBe('philox');
    expect(toRng(7).normal()).toBe(createRng(7).normal());
    expect(isRng({})).toBe(false);
    expect(isRng(null)).toBe(false);
    expect(() => toRng(Number.NaN)).toThrow(expect.objectContaining({ argument: 'rng', code: 'NOT_FINITE' }));
  });
  it('rejects malformed states with INVALID_STATE', () => {
    const good = createRng(1).getState();
    for (const bad of [
      { ...good, version: 2 },
      { ...good, key: 'xyz' },
      { ...good, position: -1 },
      { ...good, algorithm: 'nope' },
      { ...createRng(1, { algorithm: 'alea' }).getState(), generator: { c: 1 } },
      { ...createRng(1, { algorithm: 'xoshiro128**' }).getState(), words: [0, 0, 0, 0] },
    ]) {
      expect(() => fromState(bad as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_STATE', argument: 'state' }),
      );
    }
    expect(() => createRng(good, { algorithm: 'alea' })).toThrow(
      expect.objectContaining({ argument: 'algorithm' }),
    );
  });
});
