import { describe, expect, it } from 'vitest';
import {
  chiSquare,
  chiSquareCritical,
  equalProbabilityCounts,
  ksCritical,
  ksStatistic,
  moments,
  normalUpperTail,
  phi,
  truncatedNormalCdf,
} from '../test/statistics';
import { ALGORITHMS, createRng } from './create-rng';
import { ZIGGURAT_LAYERS, ZIGGURAT_R, zigguratTables } from './ziggurat';

// Every test uses a fixed seed and a threshold derived from its sample size at significance 1e-6 (KS:
// sqrt(-ln(p/2) / 2n); chi-square: Wilson-Hilferty quantile; moments: 6 standard errors), so a correct
// sampler passes deterministically and a wrong one fails.
const Z = 6;
const normalCdf = (x: number) => 1 - normalUpperTail(x);

function checkKsAndChiSquare(samples: ArrayLike<number>, cdf: (x: number) => number, bins = 100): void {
  expect(ksStatistic(samples, cdf)).toBeLessThan(ksCritical(samples.length));
  const counts = equalProbabilityCounts(samples, cdf, bins);
  const expected = new Float64Array(bins).fill(samples.length / bins);
  expect(chiSquare(counts, expected)).toBeLessThan(chiSquareCritical(bins - 1));
}

describe('uniform', () => {
  it.each([Float32Array, Float64Array])(
    'matches U[a, b) by KS and chi-square, with moments and no lag-1 correlation (%o)',
    (Type) => {
      const n = 200_000;
      const x = createRng(11).fillUniform(new Type(n), -2, 3);
      checkKsAndChiSquare(x, (v) => (v + 2) / 5);
      const m = moments(x);
      expect(Math.abs(m.mean - 0.5)).toBeLessThan((Z * 5) / Math.sqrt(12 * n));
      expect(Math.abs(m.variance - 25 / 12)).toBeLessThan((Z * 25 * Math.sqrt(1 / 180)) / Math.sqrt(n));
      expect(Math.abs(m.lag1)).toBeLessThan(Z / Math.sqrt(n));
      expect(x.every((v) => v >= -2 && v < 3)).toBe(true);
    },
  );
  it('single-number draws cover [0, 1)', () => {
    const rng = createRng(12);
    const x = Float64Array.from({ length: 50_000 }, () => rng.random());
    checkKsAndChiSquare(x, (v) => v, 50);
  });
});

describe('normal (ziggurat)', () => {
  it.each([Float32Array, Float64Array])('matches N(mean, std) by KS, chi-square and moments (%o)', (Type) => {
    const n = 200_000;
    const x = createRng(21).fillNormal(new Type(n), 1.5, 2);
    checkKsAndChiSquare(x, (v) => normalCdf((v - 1.5) / 2));
    const m = moments(x);
    expect(Math.abs(m.mean - 1.5)).toBeLessThan((Z * 2) / Math.sqrt(n));
    expect(Math.abs(m.variance - 4)).toBeLessThan((Z * 4 * Math.SQRT2) / Math.sqrt(n));
    expect(Math.abs(m.lag1)).toBeLessThan(Z / Math.sqrt(n));
  });
  it.each([Float32Array, Float64Array])(
    'fills every ziggurat strip and the tail with their exact mass (layer-strip chi-square, tail KS; 4M values, %o)',
    (Type) => {
      // Bins aligned with the layers make the test sensitive to the wedge and tail tests, which decide only ~1.5% of
      // the values: a sampler that accepted every wedge point would fail it.
      const { x: xt } = zigguratTables();
      const n = 4_000_000;
      const x = createRng(24).fillNormal(new Type(n));
      const bins = ZIGGURAT_LAYERS; // strip i = [X[i+1], X[i]) for i = 1..255, plus the tail [r, inf) as bin 0
      const counts = new Float64Array(bins);
      for (let j = 0; j < n; j++) {
        const a = Math.abs(x[j]!);
        if (a >= ZIGGURAT_R) {
          counts[0]! += 1;
          continue;
        }
        let lo = 1; // xt[lo] > a >= xt[hi]
        let hi = bins;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (xt[mid]! > a) lo = mid;
          else hi = mid;
        }
        counts[lo]! += 1;
      }
      const expected = new Float64Array(bins);
      expected[0] = 2 * n * normalUpperTail(ZIGGURAT_R);
      for (let i = 1; i < bins; i++)
        expected[i] = 2 * n * (normalUpperTail(xt[i + 1]!) - normalUpperTail(xt[i]!));
      expect(chiSquare(counts, expected)).toBeLessThan(chiSquareCritical(bins - 1));
      // The tail beyond r (Marsaglia's exact tail algorithm): its mass and its shape.
      const tail: number[] = [];
      for (let j = 0; j < n; j++) if (Math.abs(x[j]!) >= ZIGGURAT_R) tail.push(Math.abs(x[j]!));
      const qr = normalUpperTail(ZIGGURAT_R);
      expect(Math.abs(tail.length - 2 * n * qr)).toBeLessThan(Z * Math.sqrt(2 * n * qr));
      expect(ksStatistic(tail, (v) => 1 - normalUpperTail(v) / qr)).toBeLessThan(ksCritical(tail.length));
    },
  );
  it.each(ALGORITHMS.filter((a) => a !== 'philox'))(
    'is exact through the sequential generator %s too',
    (algorithm) => {
      const x = createRng('seq', { algorithm }).fillNormal(new Float64Array(30_000));
      checkKsAndChiSquare(x, normalCdf, 30);
    },
  );
  it('single-number draws match N(0, 1)', () => {
    const rng = createRng(23);
    const x = Float64Array.from({ length: 50_000 }, () => rng.normal());
    checkKsAndChiSquare(x, normalCdf, 50);
  });
});

describe('truncated normal with absolute bounds', () => {
  const regimes: [string, number, number, number, number][] = [
    ['wide [-2, 2]', 0, 1, -2, 2],
    ['one-sided [0, inf)', 0, 1, 0, Number.POSITIVE_INFINITY],
    ['one-sided (-inf, -1]', 0, 1, Number.NEGATIVE_INFINITY, -1],
    ['narrow [0.1, 0.2]', 0, 1, 0.1, 0.2],
    ['tail-only [3, 6]', 0, 1, 3, 6],
    ['far tail [8, 9]', 0, 1, 8, 9],
    ['shifted and scaled [-1, 4] with mean 1, std 2', 1, 2, -1, 4],
    ['narrow straddling [-0.3, 0.5] with std 3', 0, 3, -0.3, 0.5],
  ];
  describe.each(regimes)('%s', (_, mean, std, lower, upper) => {
    const a = (lower - mean) / std;
    const b = (upper - mean) / std;
    const standard = truncatedNormalCdf(a, b);
    const cdf = (v: number) => standard((v - mean) / std);
    it.each([Float32Array, Float64Array])(
      'matches the exact truncated CDF by KS and chi-square, never outside (%o)',
      (Type) => {
        const x = createRng(31).fillTruncatedNormal(new Type(100_000), mean, std, lower, upper);
        expect(x.every((v) => v >= lower && v <= upper && !Number.isNaN(v))).toBe(true);
        checkKsAndChiSquare(x, cdf);
      },
    );
    it('has the exact mean and variance', () => {
      // Z = Phi(b) - Phi(a); mean = mu + sigma (phi(a) - phi(b)) / Z;
      // var = sigma^2 (1 + (a phi(a) - b phi(b)) / Z - ((phi(a) - phi(b)) / Z)^2), with x phi(x) = 0 at infinity.
      const pa = Number.isFinite(a) ? phi(a) : 0;
      const pb = Number.isFinite(b) ? phi(b) : 0;
      const z = b <= 0 ? normalUpperTail(-b) - normalUpperTail(-a) : normalUpperTail(a) - normalUpperTail(b);
      const d = (pa - pb) / z;
      const variance =
        std * std * (1 + ((Number.isFinite(a) ? a * pa : 0) - (Number.isFinite(b) ? b * pb : 0)) / z - d * d);
      const n = 100_000;
      const m = moments(createRng(33).fillTruncatedNormal(new Float64Array(n), mean, std, lower, upper));
      expect(Math.abs(m.mean - (mean + std * d))).toBeLessThan(Z * Math.sqrt(variance / n));
      // Standard error of the sample variance: sqrt((mu4 - var^2) / n) <= sqrt(mu4 / n), with the fourth central
      // moment mu4 <= (upper - lower)^2 var on bounded intervals, and taken as 3 var^2 (normal-like) on one-sided ones.
      const spread =
        Number.isFinite(lower) && Number.isFinite(upper)
          ? (upper - lower) ** 2 * variance
          : 3 * variance * variance;
      expect(Math.abs(m.variance - variance)).toBeLessThan(Z * Math.sqrt(spread / n));
    });
    it('is exact through a sequential generator and the single-number API', () => {
      const rng = createRng(32, { algorithm: 'xoshiro128**' });
      const x = Float64Array.from({ length: 20_000 }, () => rng.truncatedNormal(mean, std, lower, upper));
      expect(ksStatistic(x, cdf)).toBeLessThan(ksCritical(x.length));
    });
  });
  it('degenerate cases: std 0 returns the mean; a bound far beyond the float range returns the bound', () => {
    expect(createRng(1).truncatedNormal(0.5, 0, 0, 1)).toBe(0.5);
    expect(createRng(1).truncatedNormal(0, 1e-300, 1e10, 2e10)).toBe(1e10);
  });
});

describe('bernoulli', () => {
  it.each([0.3, 0.5, 0.999])('has the right frequency for p = %d', (p) => {
    const n = 1_000_000;
    const x = createRng(41).fillBernoulli(new Uint8Array(n), p);
    let ones = 0;
    for (const v of x) ones += v;
    expect(Math.abs(ones - n * p)).toBeLessThan(Z * Math.sqrt(n * p * (1 - p)));
  });
  it('p = 0 and p = 1 are exact', () => {
    expect(
      createRng(1)
        .fillBernoulli(new Float32Array(1000), 0)
        .every((v) => v === 0),
    ).toBe(true);
    expect(
      createRng(1)
        .fillBernoulli(new Float64Array(1000), 1)
        .every((v) => v === 1),
    ).toBe(true);
    const rng = createRng(2);
    let ones = 0;
    for (let i = 0; i < 10_000; i++) ones += rng.bernoulli(0.25) ? 1 : 0;
    expect(Math.abs(ones - 2500)).toBeLessThan(Z * Math.sqrt(10_000 * 0.25 * 0.75));
  });
});

describe('integers', () => {
  it('are uniform over a small range (chi-square)', () => {
    const rng = createRng(51);
    const counts = new Float64Array(7);
    const n = 140_000;
    for (let i = 0; i < n; i++) counts[rng.integer(-3, 4) + 3]! += 1;
    expect(chiSquare(counts, new Float64Array(7).fill(n / 7))).toBeLessThan(chiSquareCritical(6));
  });
  it('have no modulo bias for a range of 3 * 2^30 (a modulo reduction would put half the mass in the first third)', () => {
    const rng = createRng(52);
    const range = 3 * 2 ** 30;
    const counts = new Float64Array(3);
    const n = 60_000;
    for (let i = 0; i < n; i++) counts[Math.floor(rng.integer(0, range) / 2 ** 30)]! += 1;
    expect(chiSquare(counts, new Float64Array(3).fill(n / 3))).toBeLessThan(chiSquareCritical(2));
  });
  it('cover ranges above 2^32 uniformly', () => {
    const rng = createRng(53);
    const range = 2 ** 52 + 2 ** 51;
    const counts = new Float64Array(3);
    const n = 60_000;
    for (let i = 0; i < n; i++) {
      const v = rng.integer(-(2 ** 40), range - 2 ** 40) + 2 ** 40;
      counts[Math.floor(v / 2 ** 51)]! += 1;
    }
    expect(chiSquare(counts, new Float64Array(3).fill(n / 3))).toBeLessThan(chiSquareCritical(2));
  });
});

describe('permutations and sampling', () => {
  function permutationIndex(p: ArrayLike<number>): number {
    let index = 0;
    const used = [false, false, false, false];
    for (let i = 0; i < 4; i++) {
      let rank = 0;
      for (let v = 0; v < p[i]!; v++) if (!used[v]) rank++;
      used[p[i]!] = true;
      index = index * (4 - i) + rank;
    }
    return index;
  }
  it('permutation(4) hits all 24 orders uniformly (chi-square)', () => {
    const rng = createRng(61);
    const counts = new Float64Array(24);
    const n = 48_000;
    for (let i = 0; i < n; i++) counts[permutationIndex(rng.permutation(4))]! += 1;
    expect(chiSquare(counts, new Float64Array(24).fill(n / 24))).toBeLessThan(chiSquareCritical(23));
  });
  it('shuffle of a plain array is uniform too and keeps the elements', () => {
    const rng = createRng(62);
    const counts = new Float64Array(24);
    const n = 48_000;
    for (let i = 0; i < n; i++) counts[permutationIndex(rng.shuffle([0, 1, 2, 3]))]! += 1;
    expect(chiSquare(counts, new Float64Array(24).fill(n / 24))).toBeLessThan(chiSquareCritical(23));
    expect([...rng.shuffle(['a', 'b', 'c'])].sort()).toEqual(['a', 'b', 'c']);
  });
  it.each([
    [10, 3],
    [1000, 5],
  ])('sample(%i, %i) gives distinct indices, each index equally likely in each position', (nPop, k) => {
    const rng = createRng(63);
    const counts = new Float64Array(nPop);
    const draws = nPop === 10 ? 30_000 : 20_000;
    for (let i = 0; i < draws; i++) {
      const s = rng.sample(nPop, k);
      expect(new Set(s).size).toBe(k);
      counts[s[0]!]! += 1;
    }
    expect(chiSquare(counts, new Float64Array(nPop).fill(draws / nPop))).toBeLessThan(
      chiSquareCritical(nPop - 1),
    );
  });
  it('the O(k)-memory path of sample gives the same indices as the dense path', () => {
    // sample(100, 25) uses the dense partial Fisher-Yates (n <= 4k), sample(100, 24) the sparse one; both make the
    // same draws, so the second is the prefix of the first.
    for (const seed of [1, 2, 3]) {
      const dense = createRng(seed).sample(100, 25);
      const sparse = createRng(seed).sample(100, 24);
      expect(Array.from(sparse)).toEqual(Array.from(dense.subarray(0, 24)));
    }
  });
  it('sample edge cases', () => {
    const rng = createRng(64);
    expect(rng.sample(5, 0).length).toBe(0);
    expect([...rng.sample(5, 5)].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(rng.permutation(0).length).toBe(0);
    expect(Array.from(rng.permutation(1))).toEqual([0]);
  });
});
