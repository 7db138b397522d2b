import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import {
  ALGORITHMS,
  createRng,
  DEFAULT_ALGORITHM,
  fillBackend,
  fromState,
  RngError,
  setFillBackend,
} from './index';

// The outputs stated in the TSDoc examples and the README.
const close = (got: ArrayLike<number>, want: number[]) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 9);
};

describe('documented examples', () => {
  it('single numbers', () => {
    expect(createRng(42).nextUint32()).toBe(91290146);
    expect(createRng(42).random()).toBe(0.021255369483713094);
    expect(createRng(42).uniform(-1, 1)).toBe(-0.9574892610325738);
    expect(createRng(42).normal()).toBe(0.0502952429265485);
    expect(createRng(42).truncatedNormal(0, 1, 3, 6)).toBe(3.006504661383412);
    expect(createRng(42).integer(0, 10)).toBe(6);
    expect(createRng(42).bernoulli(0.5)).toBe(true);
  });
  it('fills and arrays', () => {
    close(
      createRng(42).fillUniform(new Float32Array(3), -0.1, 0.1),
      [-0.0957489759, 0.0481246933, 0.0589032695],
    );
    close(
      createRng(42).fillNormal(new Float32Array(3), 0, 0.02),
      [0.001005893806, 0.021050658077, 0.009551748633],
    );
    close(
      createRng(42).fillTruncatedNormal(new Float32Array(3), 0, 1, -2, 2),
      [0.0502946898, 1.0525329113, 0.4775874316],
    );
    expect(Array.from(createRng(42).fillBernoulli(new Uint8Array(6), 0.5))).toEqual([1, 0, 0, 0, 1, 1]);
    close(createRng(42).uniformArray(3), [0.0212551355, 0.7406234741, 0.7945163249]);
    expect(Array.from(createRng(42).normalArray(3, 0, 1, { dtype: 'float64' }))).toEqual([
      0.0502952429265485, 0.4775875246115751, -0.40773872285440854,
    ]);
    close(
      createRng(42).truncatedNormalArray(3, 0, 1, 0, Number.POSITIVE_INFINITY),
      [1.3467844725, 0.99177539349, 0.243551746],
    );
  });
  it('discrete draws and streams', () => {
    expect(Array.from(createRng(42).permutation(5))).toEqual([2, 3, 0, 4, 1]);
    expect(createRng(42).shuffle(['a', 'b', 'c', 'd'])).toEqual(['b', 'd', 'a', 'c']);
    expect(Array.from(createRng(42).sample(10, 3))).toEqual([6, 1, 4]);
    expect(
      createRng(42)
        .split(2)
        .map((c) => c.nextUint32()),
    ).toEqual([2288816859, 2785645443]);
    expect(createRng(42).fork('encoder.0.weight').nextUint32()).toBe(2751348045);
    expect(createRng(42).getState()).toEqual({
      version: 1,
      algorithm: 'philox',
      key: '927b0f0c356c227a2add858aeab99094',
      splits: 0,
      position: 0,
    });
    const a = createRng(42);
    a.nextUint32();
    expect(a.getState().position).toBe(1);
    const b = fromState(JSON.parse(JSON.stringify(a.getState())));
    expect(a.nextUint32()).toBe(b.nextUint32());
  });
  it('chunked fill with offset equals one fill', () => {
    const rng = createRng(42);
    const out = new Float32Array(8);
    rng.fillNormal(out.subarray(0, 5), 0, 1, { offset: 0 });
    rng.fillNormal(out.subarray(5), 0, 1, { offset: 5 });
    expect(Array.from(out)).toEqual(Array.from(createRng(42).fillNormal(new Float32Array(8))));
  });
  it('seedrandom compatibility, defaults, backend switch, errors', () => {
    expect(createRng('hello.', { algorithm: 'alea' }).random()).toBe(0.4783254903741181);
    expect(seedrandom.alea('hello.')()).toBe(0.4783254903741181);
    expect(createRng(1).algorithm).toBe(DEFAULT_ALGORITHM);
    expect(ALGORITHMS.length).toBe(9);
    expect(createRng(5).nextUint32()).toBe(createRng(5n).nextUint32());
    setFillBackend('ts');
    expect(fillBackend()).toBe('ts');
    setFillBackend(undefined);
    expect(fillBackend()).toBe('wasm');
    expect(() => setFillBackend('gpu' as never)).toThrow(RngError);
    try {
      createRng(Number.NaN);
    } catch (e) {
      expect(e instanceof RngError && e.code === 'NOT_FINITE' && e.argument === 'seed').toBe(true);
    }
  });
});
