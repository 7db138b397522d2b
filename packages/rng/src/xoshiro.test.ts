import { describe, expect, it } from 'vitest';
import fixture from '../test/fixtures/xoshiro128ss-kat.json';
import { createRng } from './create-rng';
import { keyFromBytes, seedBytes } from './seed';
import { xoshiro128ssNext } from './xoshiro';

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
});
