/**
 * The density a scheme means to draw each weight from, read from its `describe(shape)`: normal,
 * uniform and truncated normal exactly; orthogonal entries approximately N(0, gain²/max(rows, cols))
 * (the entries of a Haar matrix are close to normal at these sizes); sparse as (1 − s) times its normal
 * part (the point mass at 0 is the `zeros` statistic).
 */
import { normalCdf } from '@init/advisor';
import type { SchemeDescription } from '@init/schemes';
import type { IntendedDensity } from './tensor-stats';

function normalPdf(mean: number, std: number): (x: number) => number {
  const c = 1 / (std * Math.sqrt(2 * Math.PI));
  return (x) => c * Math.exp(-0.5 * ((x - mean) / std) ** 2);
}

export function intendedDensity(
  d: Pick<SchemeDescription, 'distribution' | 'std' | 'bound' | 'mean' | 'gain'>,
  config: Readonly<Record<string, unknown>>,
  rows: number,
  cols: number,
): IntendedDensity {
  const mean = d.mean ?? 0;
  const mult = typeof config.multiplier === 'number' ? config.multiplier : 1;
  switch (d.distribution) {
    case 'normal':
      if (d.std === undefined || !(d.std > 0)) break;
      return {
        pdf: normalPdf(mean, d.std),
        label: `N(${mean}, ${d.std.toPrecision(4)}²)`,
        support: [mean - 4 * d.std, mean + 4 * d.std],
      };
    case 'uniform': {
      const low = typeof config.low === 'number' ? config.low * mult : mean - (d.bound ?? 0);
      const high = typeof config.high === 'number' ? config.high * mult : mean + (d.bound ?? 0);
      if (!(high > low)) break;
      const h = 1 / (high - low);
      return {
        pdf: (x) => (x >= low && x < high ? h : 0),
        label: `U(${low.toPrecision(4)}, ${high.toPrecision(4)})`,
        support: [low, high],
      };
    }
    case 'truncated_normal': {
      const s = d.std;
      if (s === undefined || !(s > 0) || d.bound === undefined) break;
      const hi = d.bound;
      const lo = mean - (hi - mean);
      const mass = normalCdf((hi - mean) / s) - normalCdf((lo - mean) / s);
      const base = normalPdf(mean, s);
      return {
        pdf: (x) => (x >= lo && x <= hi ? base(x) / mass : 0),
        label: `N(${mean}, ${s.toPrecision(4)}²) cut to [${lo.toPrecision(3)}, ${hi.toPrecision(3)}]`,
        support: [lo, hi],
      };
    }
    case 'orthogonal': {
      const gain = (d.gain ?? 1) * mult;
      const std = Math.abs(gain) / Math.sqrt(Math.max(rows, cols));
      if (!(std > 0)) break;
      return {
        pdf: normalPdf(0, std),
        label: `≈ N(0, ${std.toPrecision(4)}²) (entries of a scaled Haar matrix)`,
        support: [-4 * std, 4 * std],
      };
    }
    case 'sparse': {
      const s = typeof config.sparsity === 'number' ? config.sparsity : 0;
      const std = d.std ?? 0;
      if (!(std > 0)) break;
      const keep = 1 - Math.ceil(s * rows) / rows;
      const base = normalPdf(0, std);
      return {
        pdf: (x) => keep * base(x),
        label: `${keep.toFixed(3)} · N(0, ${std.toPrecision(4)}²) plus a point mass at 0`,
        support: [-4 * std, 4 * std],
      };
    }
    default:
      break;
  }
  return { pdf: null, label: `no density: ${d.distribution} values` };
}
