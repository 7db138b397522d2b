import { describe, expect, it } from 'vitest';
import { constant, ones, zeros } from './constant';
import { dirac } from './dirac';
import { identity } from './identity';
import { lstmForgetBias, rnnIdentity } from './recurrent';
import { zerO } from './zer-o';

describe('deterministic schemes', () => {
  it('zeros, ones, constant (with multiplier), rng ignored', () => {
    expect(Array.from(zeros()([2, 2]).data)).toEqual([0, 0, 0, 0]);
    expect(Array.from(ones({ multiplier: 3 })([3]).data)).toEqual([3, 3, 3]);
    expect(Array.from(constant({ value: 0.1 })([2], 123, { dtype: 'float64' }).data)).toEqual([0.1, 0.1]);
    expect(constant({ value: 2 })([]).data.length).toBe(1);
  });

  it('identity handles rectangular shapes in both orientations', () => {
    expect(Array.from(identity()([2, 3]).data)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(Array.from(identity({ gain: 2 })([3, 2]).data)).toEqual([2, 0, 0, 2, 0, 0]);
    expect(() => identity()([2, 2, 2])).toThrow(/rank 2/);
  });

  it('dirac equals PyTorch dirac_ (groups, k//2 centre) and supports the (k-1)//2 centre', () => {
    // [out=4, in=2, k=4] with groups 2: out channels per group 2, min_dim 2, centre 2.
    const w = dirac({ groups: 2 })([4, 2, 4]).data;
    const ones = [] as number[];
    w.forEach((v, i) => {
      if (v !== 0) ones.push(i);
    });
    // (o, i, t) -> o*8 + i*4 + t: (0,0,2) (1,1,2) (2,0,2) (3,1,2)
    expect(ones).toEqual([2, 14, 18, 30]);
    const lower = dirac({ groups: 2, center: 'lower' })([4, 2, 4]).data;
    expect([1, 13, 17, 29].every((i) => lower[i] === 1)).toBe(true);
    // more outputs than inputs: only min(out, in) diagonal taps
    const w2 = dirac()([3, 2, 1, 1]).data;
    expect(Array.from(w2)).toEqual([1, 0, 0, 1, 0, 0]);
    // keras [k, in, out]
    const k = dirac()([3, 2, 2], undefined, { layout: 'keras' }).data;
    expect(Array.from(k)).toEqual([0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0]);
    expect(() => dirac({ groups: 3 })([4, 2, 3])).toThrow(/divisible by groups/);
    expect(() => dirac()([4, 2])).toThrow(/rank 3 to 5/);
  });

  it('ZerO: partial identity when out <= in, normalized Hadamard columns when out > in', () => {
    expect(Array.from(zerO()([2, 3]).data)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(Array.from(zerO()([4, 2]).data)).toEqual([0.5, 0.5, 0.5, -0.5, 0.5, 0.5, 0.5, -0.5]);
    // out = 8 = 2^3, in = 8: identity; out = 8, in = 5: first 5 columns of H_8 / 2^(3/2), orthonormal
    const w = zerO()([8, 5], undefined, { dtype: 'float64' }).data;
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 5; b++) {
        let dot = 0;
        for (let i = 0; i < 8; i++) dot += (w[i * 5 + a] as number) * (w[i * 5 + b] as number);
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 12);
      }
    }
    // out = 5 > in = 3: c = ceil(log2 5) = 3, entries ±1/2^(3/2)
    const v = zerO()([5, 3], undefined, { dtype: 'float64' }).data;
    expect(v.every((x) => Math.abs(Math.abs(x) - 2 ** -1.5) < 1e-15)).toBe(true);
    // keras layout stores [in, out]: the same matrix transposed
    const k = zerO()([2, 4], undefined, { layout: 'keras' }).data;
    expect(Array.from(k)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, -0.5, 0.5, -0.5]);
  });

  it('IRNN identity blocks and the LSTM forget bias on one block', () => {
    expect(Array.from(rnnIdentity()([2, 2]).data)).toEqual([1, 0, 0, 1]);
    expect(Array.from(rnnIdentity({ gateOrder: 'rz', gain: 0.5 })([4, 2]).data)).toEqual([
      0.5, 0, 0, 0.5, 0.5, 0, 0, 0.5,
    ]);
    expect(Array.from(lstmForgetBias()([8]).data)).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    expect(Array.from(lstmForgetBias({ gateOrder: ['f', 'i', 'o', 'c'], value: 2 })([4]).data)).toEqual([
      2, 0, 0, 0,
    ]);
    expect(() => lstmForgetBias({ gateOrder: 'rzn' })([6])).toThrow(/needs a 'f' gate/);
    expect(() => lstmForgetBias()([6])).toThrow(/multiple/);
  });
});
