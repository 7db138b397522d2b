import { createHash } from 'node:crypto';
import { ALGORITHMS, createRng } from '../src/create-rng';
import type { Seed } from '../src/seed';

/** Seeds pinned by the golden hashes: a string, 0, a negative integer and a bigint beyond 2^64. */
export const GOLDEN_SEEDS: readonly Seed[] = ['init', 0, -7, 2n ** 64n + 1n];

/** Number of values hashed per distribution. */
export const GOLDEN_N = 1_000_000;

function sha(a: ArrayBufferView): string {
  return createHash('sha256')
    .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    .digest('hex');
}

/**
 * SHA-256 of the first 10^6 values of each distribution for one seed (default algorithm), plus the first
 * 10^5 float64 normals of every other algorithm.
 */
export function goldenHashes(seed: Seed, only?: RegExp): Record<string, string> {
  const n = GOLDEN_N;
  const out: Record<string, string> = {};
  const wanted = (name: string) => only === undefined || only.test(name);
  const f32 = new Float32Array(n);
  const f64 = new Float64Array(n);
  if (wanted('uniform float32 [0, 1)')) out['uniform float32 [0, 1)'] = sha(createRng(seed).fillUniform(f32));
  if (wanted('uniform float32 [-0.1, 0.1)'))
    out['uniform float32 [-0.1, 0.1)'] = sha(createRng(seed).fillUniform(f32, -0.1, 0.1));
  if (wanted('uniform float64 [-1, 1)'))
    out['uniform float64 [-1, 1)'] = sha(createRng(seed).fillUniform(f64, -1, 1));
  if (wanted('normal float32 (0, 1)')) out['normal float32 (0, 1)'] = sha(createRng(seed).fillNormal(f32));
  if (wanted('normal float64 (0.5, 2)'))
    out['normal float64 (0.5, 2)'] = sha(createRng(seed).fillNormal(f64, 0.5, 2));
  if (wanted('truncated normal float32 (0, 1) [-2, 2]'))
    out['truncated normal float32 (0, 1) [-2, 2]'] = sha(
      createRng(seed).fillTruncatedNormal(f32, 0, 1, -2, 2),
    );
  if (wanted('truncated normal float64 (0, 1) [3, 6]'))
    out['truncated normal float64 (0, 1) [3, 6]'] = sha(createRng(seed).fillTruncatedNormal(f64, 0, 1, 3, 6));
  if (wanted('truncated normal float64 (0, 1) [0.1, 0.2]'))
    out['truncated normal float64 (0, 1) [0.1, 0.2]'] = sha(
      createRng(seed).fillTruncatedNormal(f64, 0, 1, 0.1, 0.2),
    );
  if (wanted('bernoulli uint8 0.3'))
    out['bernoulli uint8 0.3'] = sha(createRng(seed).fillBernoulli(new Uint8Array(n), 0.3));
  if (wanted('integer [-1000, 1000) as float64')) {
    const ints = new Float64Array(n);
    const rng = createRng(seed);
    for (let i = 0; i < n; i++) ints[i] = rng.integer(-1000, 1000);
    out['integer [-1000, 1000) as float64'] = sha(ints);
  }
  if (wanted('permutation(10^6) uint32'))
    out['permutation(10^6) uint32'] = sha(createRng(seed).permutation(n));
  if (wanted('sample(10^6, 10^6) uint32'))
    out['sample(10^6, 10^6) uint32'] = sha(createRng(seed).sample(n, n));
  if (wanted('sample(2^32 - 1, 10^5) uint32'))
    out['sample(2^32 - 1, 10^5) uint32'] = sha(createRng(seed).sample(2 ** 32 - 1, 100_000));
  if (wanted('nextUint32 x 10^6'))
    out['nextUint32 x 10^6'] = sha(
      Uint32Array.from(
        { length: n },
        (
          (r) => () =>
            r.nextUint32()
        )(createRng(seed)),
      ),
    );
  for (const algorithm of ALGORITHMS) {
    if (algorithm === 'philox') continue;
    if (!wanted(`${algorithm} normal float64 x 10^5`)) continue;
    out[`${algorithm} normal float64 x 10^5`] = sha(
      createRng(seed, { algorithm }).fillNormal(new Float64Array(100_000)),
    );
  }
  return out;
}
