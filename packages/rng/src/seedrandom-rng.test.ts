import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng';
import type { Algorithm } from './rng-types';

type Prng = { (): number; int32(): number };
const reference: Record<string, (seed: unknown) => Prng> = {
  alea: (s) => (seedrandom.alea as unknown as (s: unknown) => Prng)(s),
  arc4: (s) => (seedrandom as unknown as (s: unknown) => Prng)(s),
  xor128: (s) => (seedrandom.xor128 as unknown as (s: unknown) => Prng)(s),
  xorwow: (s) => (seedrandom.xorwow as unknown as (s: unknown) => Prng)(s),
  xorshift7: (s) => (seedrandom.xorshift7 as unknown as (s: unknown) => Prng)(s),
  xor4096: (s) => (seedrandom.xor4096 as unknown as (s: unknown) => Prng)(s),
  tychei: (s) => (seedrandom.tychei as unknown as (s: unknown) => Prng)(s),
};

describe.each(Object.keys(reference))('seedrandom %s', (algorithm) => {
  it.each(['hello.', 'init', 42, 0, -3])('int32 and random streams equal seedrandom for seed %s', (seed) => {
    const ours = createRng(seed, { algorithm: algorithm as Algorithm });
    const theirs = reference[algorithm]!(seed);
    for (let i = 0; i < 500; i++) expect(ours.nextUint32()).toBe(theirs.int32() >>> 0);
    for (let i = 0; i < 500; i++) expect(ours.random()).toBe(theirs());
  });
  it('a bigint seed means its decimal string', () => {
    const ours = createRng(12345678901234567890n, { algorithm: algorithm as Algorithm });
    const theirs = reference[algorithm]!('12345678901234567890');
    for (let i = 0; i < 50; i++) expect(ours.random()).toBe(theirs());
  });
  it('rejects offset with UNSUPPORTED', () => {
    const rng = createRng(1, { algorithm: algorithm as Algorithm });
    expect(() => rng.fillNormal(new Float32Array(4), 0, 1, { offset: 0 })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', argument: 'offset' }),
    );
  });
});
