import { describe, expect, it } from 'vitest';
import fixture from '../test/fixtures/xoshiro128ss-kat.json';
import { createRng } from './create-rng';
import { keyFromBytes, seedBytes } from './seed';
import { xoshiro128ssNext } from './xoshiro';
import { normal32 } from './ziggurat';

describe('xoshiro128**', () => {
  it.each(fixture.cases)('matches the C reference from state $state', ({ state, outputs, stateAfter }) => {
    const s = Uint32Array.from(state);
    const got = outputs.map(() => xoshiro128ssNext(s));
    expect(got).toEqual(outputs);
    expect(Array.from(s)).toEqual(stateAfter);
  });

  it('starts an Rng from the seed key', () => {
    const s = keyFromBytes(seedBytes(123));
    const rng = createRng(123, { algorithm: 'xoshiro128**' });
    for (let i = 0; i < 100; i++) expect(rng.nextUint32()).toBe(xoshiro128ssNext(s));
  });

  it('inline float32 fills consume the same words as the generic sequential samplers', () => {
    const s = keyFromBytes(seedBytes('xo'));
    const src = { nextUint32: () => xoshiro128ssNext(s) };
    const n = 100_001;
    const normals = Float32Array.from({ length: n }, () => 0.5 + 2 * normal32(src));
    const uniforms = Float32Array.from({ length: 999 }, () =>
      Math.fround(-1 + Math.fround(3 * 2 ** -24 * (src.nextUint32() >>> 8))),
    );
    const rng = createRng('xo', { algorithm: 'xoshiro128**' });
    expect(Array.from(rng.fillNormal(new Float32Array(n), 0.5, 2))).toEqual(Array.from(normals));
    expect(Array.from(rng.fillUniform(new Float32Array(999), -1, 2))).toEqual(Array.from(uniforms));
    expect(rng.nextUint32()).toBe(src.nextUint32());
  });
});
