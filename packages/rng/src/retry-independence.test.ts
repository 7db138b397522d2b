import { describe, expect, it } from 'vitest';
import { chiSquareCritical, P_VALUE, truncatedNormalCdf } from '../test/statistics';
import { createRng } from './create-rng';
import { setFillBackend } from './fill-kernels';
import { truncatedPerBlock } from './philox-fills';
import { planTruncated } from './truncated-normal';

/**
 * Consecutive truncated-normal fills on one stream must be independent, whatever their regimes and dtypes.
 * Their main-domain words never overlap (each fill claims whole blocks), so dependence can only come from the
 * words that rejected values draw in the retry domain. Those are addressed by stream index, and a fill with
 * fewer values per block reaches indices that an earlier fill with more values per block has already used
 * (a float32 normal-rejection fill holds 4 values per block, a float64 one 2, the proposal regimes 1). So the
 * test compares the two fills at equal stream indices, where a shared retry word would link them:
 * - near-equal pairs: |z1 - z2| <= 1e-6 has probability at most 2e-6 * (largest density) per independent pair;
 *   the count must stay below its mean plus 6 Poisson standard deviations (plus 6);
 * - a k x k contingency table of the pairs, binned by each fill's exact CDF, must pass a chi-square test of
 *   independence at p = 1e-6 with (k - 1)^2 degrees of freedom.
 * With the former keying (retries addressed by value index alone), a float32 fill followed by a float64 fill
 * gave thousands of near-equal pairs, and a normal-rejection fill followed by a proposal fill failed the
 * chi-square test.
 */

interface Regime {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  readonly float32: boolean;
  /** Largest density of the standardized truncated distribution. */
  readonly maxDensity: number;
}

// Intervals chosen so that many values retry: [-1.26, 1.26] rejects ~21% of normal proposals, the uniform
// proposal on [-1.25, 1.25] ~21%, and Robert's exponential proposal on [0, inf) ~24%.
const REGIMES: readonly Regime[] = [
  { name: 'normal proposal [-1.26, 1.26]', lower: -1.26, upper: 1.26, float32: true, maxDensity: 0.51 },
  { name: 'normal proposal [-1.26, 1.26]', lower: -1.26, upper: 1.26, float32: false, maxDensity: 0.51 },
  { name: 'uniform proposal [-1.25, 1.25]', lower: -1.25, upper: 1.25, float32: true, maxDensity: 0.51 },
  { name: 'uniform proposal [-1.25, 1.25]', lower: -1.25, upper: 1.25, float32: false, maxDensity: 0.51 },
  {
    name: 'exponential proposal [0, inf)',
    lower: 0,
    upper: Number.POSITIVE_INFINITY,
    float32: true,
    maxDensity: 0.8,
  },
  {
    name: 'exponential proposal [0, inf)',
    lower: 0,
    upper: Number.POSITIVE_INFINITY,
    float32: false,
    maxDensity: 0.8,
  },
];

const N = 1 << 19;
const BINS = 8;
const label = (r: Regime) => `${r.name} ${r.float32 ? 'float32' : 'float64'}`;
const perBlock = (r: Regime) => truncatedPerBlock(planTruncated(r.lower, r.upper), r.float32);

function fill(rng: ReturnType<typeof createRng>, r: Regime): Float32Array | Float64Array {
  const out = r.float32 ? new Float32Array(N) : new Float64Array(N);
  return rng.fillTruncatedNormal(out, 0, 1, r.lower, r.upper);
}

/** Near-equal count and chi-square statistic of the pairs (a[i - startA], b[i - startB]) over common indices i. */
function dependence(
  a: ArrayLike<number>,
  startA: number,
  ra: Regime,
  b: ArrayLike<number>,
  startB: number,
  rb: Regime,
) {
  const from = Math.max(startA, startB);
  const to = Math.min(startA + a.length, startB + b.length);
  const cdfA = truncatedNormalCdf(ra.lower, ra.upper);
  const cdfB = truncatedNormalCdf(rb.lower, rb.upper);
  const table = new Float64Array(BINS * BINS);
  let near = 0;
  for (let i = from; i < to; i++) {
    const x = a[i - startA]!;
    const y = b[i - startB]!;
    if (Math.abs(x - y) <= 1e-6) near++;
    const bx = Math.min(BINS - 1, Math.floor(cdfA(x) * BINS));
    const by = Math.min(BINS - 1, Math.floor(cdfB(y) * BINS));
    table[bx * BINS + by]! += 1;
  }
  const pairs = to - from;
  const rows = new Float64Array(BINS);
  const cols = new Float64Array(BINS);
  for (let x = 0; x < BINS; x++) {
    for (let y = 0; y < BINS; y++) {
      rows[x]! += table[x * BINS + y]!;
      cols[y]! += table[x * BINS + y]!;
    }
  }
  let chi2 = 0;
  for (let x = 0; x < BINS; x++) {
    for (let y = 0; y < BINS; y++) {
      const expected = (rows[x]! * cols[y]!) / pairs;
      if (expected > 0) chi2 += (table[x * BINS + y]! - expected) ** 2 / expected;
    }
  }
  return { pairs, near, chi2 };
}

const pairsOfRegimes = REGIMES.flatMap((first) => REGIMES.map((second) => [first, second] as const)).filter(
  ([first, second]) => perBlock(second) < perBlock(first),
);

describe('consecutive truncated-normal fills on one stream are independent (retry words never shared)', () => {
  it('covers every regime and dtype as the first or the later fill', () => {
    const seen = new Set(pairsOfRegimes.flatMap(([a, b]) => [label(a), label(b)]));
    expect(seen.size).toBe(REGIMES.length);
    expect(P_VALUE).toBe(1e-6);
  });
  for (const backend of ['wasm', 'ts'] as const) {
    it.each(pairsOfRegimes.map(([a, b]) => [label(a), label(b), a, b] as const))(
      `${backend}: %s, then %s`,
      (_a, _b, first, second) => {
        setFillBackend(backend);
        try {
          const rng = createRng(`independence ${backend}`);
          const a = fill(rng, first);
          const b = fill(rng, second);
          // Stream indices: the first fill starts at block 0, the second at the next whole block.
          const startB = Math.ceil(N / perBlock(first)) * perBlock(second);
          const { pairs, near, chi2 } = dependence(a, 0, first, b, startB, second);
          expect(pairs).toBeGreaterThan(N / 4);
          const meanNear = 2e-6 * Math.max(first.maxDensity, second.maxDensity) * pairs;
          expect(near).toBeLessThanOrEqual(meanNear + 6 * Math.sqrt(meanNear) + 6);
          expect(chi2).toBeLessThan(chiSquareCritical((BINS - 1) ** 2));
        } finally {
          setFillBackend(undefined);
        }
      },
    );
  }
});
