import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import fixture from '../test/fixtures/golden-hashes.json';
import { GOLDEN_N, GOLDEN_SEEDS, goldenHashes } from '../test/golden';
import { createRng } from './create-rng';
import { setFillBackend } from './fill-kernels';

const key = (seed: unknown) => String(seed) + (typeof seed === 'bigint' ? 'n' : '');
const expected = fixture.hashes as Record<string, Record<string, string>>;

describe('golden hashes of the first 10^6 values (streams are stable across versions and platforms)', () => {
  afterAll(() => setFillBackend(undefined));
  it.each(GOLDEN_SEEDS)('seed %s', (seed) => {
    expect(goldenHashes(seed)).toEqual(expected[key(seed)]);
  });
  it('the TypeScript fallback reproduces them too (seed "init", the Philox float fills)', () => {
    setFillBackend('ts');
    const got = goldenHashes('init', /^(uniform|normal|truncated)/);
    setFillBackend(undefined);
    expect(Object.keys(got).length).toBe(8);
    for (const [name, hash] of Object.entries(got)) expect(hash, name).toBe(expected.init![name]);
  });
  it('a fill in uneven chunks with offset has the same hash as one fill', () => {
    const out = new Float32Array(GOLDEN_N);
    const rng = createRng('init');
    const sizes = [1, 2, 3, 5, 4093, 65_537, 7, 1_000_000];
    let start = 0;
    for (let i = 0; start < GOLDEN_N; i++) {
      const len = Math.min(sizes[i % sizes.length]!, GOLDEN_N - start);
      rng.fillNormal(out.subarray(start, start + len), 0, 1, { offset: start });
      start += len;
    }
    const hash = createHash('sha256').update(new Uint8Array(out.buffer)).digest('hex');
    expect(hash).toBe(expected.init!['normal float32 (0, 1)']);
  });
});
