import { describe, expect, it } from 'vitest';
import {
  ksCritical,
  ksStatistic,
  momentReport,
  normalCdf,
  truncatedNormalCdf,
  truncatedUnitVariance,
  uniformCdf,
} from '../test/stats';
import { heNormal, heTruncatedNormal, heUniform } from './he';
import type { Initializer } from './initializer';
import { lecunNormal, lecunTruncatedNormal, lecunUniform } from './lecun';
import { normal, randomSmall } from './normal';
import { chronoBias } from './recurrent';
import { sparse } from './sparse';
import { truncatedNormal } from './truncated-normal';
import { uniform } from './uniform';
import { TRUNCATION_CORRECTION, varianceScaling } from './variance-scaling';
import { xavierNormal, xavierTruncatedNormal, xavierUniform } from './xavier';

const SHAPE = [400, 250]; // fan_in 250, fan_out 400, 100k values
const N = 100_000;

type Expect = { cdf: (x: number) => number; mean: number; variance: number; lower?: number; upper?: number };

function uniformOf(b: number): Expect {
  return { cdf: uniformCdf(-b, b), mean: 0, variance: (b * b) / 3, lower: -b, upper: b };
}
function normalOf(std: number, mean = 0): Expect {
  return { cdf: normalCdf(mean, std), mean, variance: std * std };
}
/** Keras/JAX truncated form: target variance v, std sqrt(v)/0.8796, cut at ±2 std. */
function kerasTruncOf(v: number): Expect {
  const std = Math.sqrt(v) / TRUNCATION_CORRECTION;
  return {
    cdf: truncatedNormalCdf(0, std, -2 * std, 2 * std),
    mean: 0,
    variance: std * std * truncatedUnitVariance(2),
    lower: -2 * std,
    upper: 2 * std,
  };
}

const fanIn = 250;
const fanOut = 400;
const cases: [string, Initializer, Expect][] = [
  [
    'uniform',
    uniform({ low: -0.3, high: 0.7 }),
    { cdf: uniformCdf(-0.3, 0.7), mean: 0.2, variance: 1 / 12, lower: -0.3, upper: 0.7 },
  ],
  ['normal', normal({ mean: 0.5, std: 0.02 }), normalOf(0.02, 0.5)],
  ['random_small', randomSmall(), normalOf(0.01)],
  [
    'truncated_normal (absolute, asymmetric)',
    truncatedNormal({ mean: 0.1, std: 0.5, a: -0.5, b: 0.3 }),
    (() => {
      const cdf = truncatedNormalCdf(0.1, 0.5, -0.5, 0.3);
      // moments of the asymmetric truncation, by quadrature
      let m1 = 0;
      let m2 = 0;
      const steps = 20000;
      for (let i = 0; i < steps; i++) {
        const x0 = -0.5 + (0.8 * i) / steps;
        const x1 = -0.5 + (0.8 * (i + 1)) / steps;
        const p = cdf(x1) - cdf(x0);
        const mid = (x0 + x1) / 2;
        m1 += p * mid;
        m2 += p * mid * mid;
      }
      return { cdf, mean: m1, variance: m2 - m1 * m1, lower: -0.5, upper: 0.3 };
    })(),
  ],
  [
    'xavier_uniform',
    xavierUniform({ gain: 2 }),
    uniformOf(2 * Math.sqrt(3) * Math.sqrt(2 / (fanIn + fanOut))),
  ],
  ['xavier_normal', xavierNormal(), normalOf(Math.sqrt(2 / (fanIn + fanOut)))],
  ['xavier_truncated_normal', xavierTruncatedNormal(), kerasTruncOf(2 / (fanIn + fanOut))],
  ['he_uniform', heUniform(), uniformOf(Math.sqrt(6 / fanIn))],
  ['he_normal fan_out', heNormal({ mode: 'fan_out' }), normalOf(Math.sqrt(2 / fanOut))],
  [
    'he_normal leaky',
    heNormal({ nonlinearity: 'leaky_relu', slope: 0.2 }),
    normalOf(Math.sqrt(2 / 1.04 / fanIn)),
  ],
  ['he_truncated_normal', heTruncatedNormal(), kerasTruncOf(2 / fanIn)],
  ['lecun_uniform', lecunUniform(), uniformOf(Math.sqrt(3 / fanIn))],
  ['lecun_normal', lecunNormal(), normalOf(Math.sqrt(1 / fanIn))],
  ['lecun_truncated_normal', lecunTruncatedNormal(), kerasTruncOf(1 / fanIn)],
  [
    'variance_scaling uniform fan_geo_avg',
    varianceScaling({ scale: 3, mode: 'fan_geo_avg', distribution: 'uniform' }),
    uniformOf(Math.sqrt(9 / Math.sqrt(fanIn * fanOut))),
  ],
  [
    'variance_scaling normal',
    varianceScaling({ scale: 0.5, mode: 'fan_avg', distribution: 'normal' }),
    normalOf(Math.sqrt(0.5 / 325)),
  ],
  ['variance_scaling truncated', varianceScaling({ scale: 2, mode: 'fan_out' }), kerasTruncOf(2 / fanOut)],
  ['multiplier', heNormal({ multiplier: 0.25 }), normalOf(0.25 * Math.sqrt(2 / fanIn))],
];

describe('random schemes draw the intended distribution (n = 100k, fixed seeds)', () => {
  const dCrit = ksCritical(N);
  for (const [name, init, e] of cases) {
    it(name, () => {
      const w = init(SHAPE, `stat:${name}`).data;
      expect(w.length).toBe(N);
      const ks = ksStatistic(w, e.cdf);
      expect(ks, `KS ${ks} > ${dCrit}`).toBeLessThan(dCrit);
      const r = momentReport(w, e.mean, e.variance);
      expect(r.meanOk, `mean ${r.mean} vs ${e.mean} ± ${r.meanBound}`).toBe(true);
      expect(r.varianceOk, `variance ${r.variance} vs ${e.variance} ± ${r.varBound}`).toBe(true);
      if (e.lower !== undefined && e.upper !== undefined) {
        let lo = Number.POSITIVE_INFINITY;
        let hi = Number.NEGATIVE_INFINITY;
        for (const v of w) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        // float32 rounding of a bound may land one ulp outside it
        expect(lo).toBeGreaterThanOrEqual(Math.fround(e.lower) - 1e-7 * Math.abs(e.lower));
        expect(hi).toBeLessThanOrEqual(Math.fround(e.upper) + 1e-7 * Math.abs(e.upper));
      }
    });
  }

  it('the Keras/JAX truncated form keeps the target variance (the point of the 0.8796 correction)', () => {
    const w = heTruncatedNormal()([1000, 500], 7).data;
    const r = momentReport(w, 0, 2 / 500);
    expect(r.varianceOk, `${r.variance} vs ${2 / 500}`).toBe(true);
  });

  it('sparse non-zero values are N(0, std^2)', () => {
    const w = sparse({ sparsity: 0.5, std: 0.3 })([400, 500], 11).data;
    const nz = w.filter((v) => v !== 0);
    expect(nz.length).toBe(200 * 500);
    expect(ksStatistic(nz, normalCdf(0, 0.3))).toBeLessThan(ksCritical(nz.length));
    const m = sparse({ semantics: 'martens', k: 20, std: 0.3 })([5000, 100], 12).data.filter((v) => v !== 0);
    expect(m.length).toBe(5000 * 20);
    expect(ksStatistic(m, normalCdf(0, 0.3))).toBeLessThan(ksCritical(m.length));
  });

  it('chrono forget biases are log(U[1, T-1]) and input biases their negation', () => {
    const h = 50_000;
    const tMax = 100;
    const b = chronoBias({ tMax })([4 * h], 3, { dtype: 'float64' }).data;
    const f = b.subarray(h, 2 * h);
    const cdf = (x: number) => (x <= 0 ? 0 : x >= Math.log(tMax - 1) ? 1 : (Math.exp(x) - 1) / (tMax - 2));
    expect(ksStatistic(f, cdf)).toBeLessThan(ksCritical(h));
    let mismatches = 0;
    for (let j = 0; j < h; j++) if (b[j] !== -(f[j] as number)) mismatches++;
    expect(mismatches).toBe(0);
    expect(b.subarray(2 * h).every((v) => v === 0)).toBe(true);
  });
});
