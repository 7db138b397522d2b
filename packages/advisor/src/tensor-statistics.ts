/** Summary statistics of a tensor's values, accumulated chunk by chunk. */
export interface TensorStatistics {
  readonly count: number;
  readonly mean: number;
  /** Population standard deviation. */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** Fraction of values equal to 0. */
  readonly zeros: number;
  /** Excess kurtosis (−1.2 uniform, 0 normal); NaN when the std is 0. */
  readonly kurtosis: number;
  /** Values that are NaN or infinite (excluded from the moments). */
  readonly nonFinite: number;
}

/** Accumulates power sums in double precision; values of initial weights are near 0, so this is accurate. */
export class StatisticsAccumulator {
  private n = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private s4 = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;
  private z = 0;
  private bad = 0;

  add(values: ArrayLike<number>): void {
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let lo = this.lo;
    let hi = this.hi;
    let z = 0;
    let bad = 0;
    for (let i = 0; i < values.length; i++) {
      const x = values[i] as number;
      if (!Number.isFinite(x)) {
        bad++;
        continue;
      }
      if (x === 0) z++;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      const x2 = x * x;
      s1 += x;
      s2 += x2;
      s3 += x2 * x;
      s4 += x2 * x2;
    }
    this.n += values.length - bad;
    this.s1 += s1;
    this.s2 += s2;
    this.s3 += s3;
    this.s4 += s4;
    this.lo = lo;
    this.hi = hi;
    this.z += z;
    this.bad += bad;
  }

  result(): TensorStatistics {
    const n = this.n;
    if (n === 0)
      return {
        count: 0,
        mean: 0,
        std: 0,
        min: 0,
        max: 0,
        zeros: 0,
        kurtosis: Number.NaN,
        nonFinite: this.bad,
      };
    const m = this.s1 / n;
    const e2 = this.s2 / n;
    const e3 = this.s3 / n;
    const e4 = this.s4 / n;
    const variance = Math.max(0, e2 - m * m);
    const c4 = e4 - 4 * m * e3 + 6 * m * m * e2 - 3 * m ** 4;
    return {
      count: n,
      mean: m,
      std: Math.sqrt(variance),
      min: this.lo,
      max: this.hi,
      zeros: this.z / (n + this.bad),
      kurtosis: variance > 0 ? c4 / (variance * variance) - 3 : Number.NaN,
      nonFinite: this.bad,
    };
  }
}

/** fan_in and fan_out of a stored shape, read in PyTorch's layout (`[out, in, ...kernel]`). */
function fans(shape: readonly number[]): { fanIn: number; fanOut: number } | undefined {
  if (shape.length < 2) return undefined;
  const rf = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: (shape[1] as number) * rf, fanOut: (shape[0] as number) * rf };
}

const near = (a: number, b: number, tol: number): boolean => Math.abs(a / b - 1) <= tol;

/**
 * Names the initialization whose scale a tensor's statistics match, the way an auditor would read them.
 *
 * Formula: constants first (all 0, all 1, one value); then with r = std·sqrt(fan_in) (PyTorch layout
 * `[out, in, ...]`, and the transposed `[in, out]` reading for 2-D tensors such as GPT-2 Conv1D): r ≈ 1 LeCun,
 * r ≈ sqrt(2) He (Kaiming), std·sqrt((fan_in + fan_out)/2) ≈ 1 Xavier (Glorot), r ≈ 1/sqrt(3) with a uniform shape PyTorch's
 * default Linear/Conv init (kaiming_uniform with a = sqrt(5)), std ≈ 0.02 GPT-2/BERT style, std ≈ 0.02/sqrt(2L)
 * GPT-2's residual projections for a whole number of layers L. The shape of
 * the distribution comes from the excess kurtosis: ≈ −1.2 uniform, ≈ 0 normal, in between truncated normal.
 * The tolerance is 5% plus four standard errors of the std estimate (sqrt(2/n) relative).
 *
 * @returns a short description, e.g. `'He (Kaiming) normal, fan_in'`, or `'unrecognized (std 0.1)'`
 */
export function matchScheme(shape: readonly number[], s: TensorStatistics): string {
  if (s.count === 0) return 'empty';
  if (s.min === s.max) {
    if (s.min === 0) return 'zeros';
    if (s.min === 1) return 'ones';
    return `constant ${s.min}`;
  }
  const tol = 0.05 + 4 * Math.sqrt(2 / s.count);
  const k = s.kurtosis;
  const dist =
    s.count < 30 || Number.isNaN(k) ? '' : k < -1.0 ? ' uniform' : k < -0.3 ? ' truncated normal' : ' normal';
  const candidates: string[] = [];
  const f = fans(shape);
  const readings = f
    ? [
        { ...f, note: '' },
        ...(shape.length === 2 ? [{ fanIn: f.fanOut, fanOut: f.fanIn, note: ' ([in, out] layout)' }] : []),
      ]
    : [];
  for (const { fanIn, fanOut, note } of readings) {
    const r = s.std * Math.sqrt(fanIn);
    if (near(r, 1, tol)) candidates.push(`LeCun${dist}, fan_in${note}`);
    if (near(r, Math.SQRT2, tol)) candidates.push(`He (Kaiming)${dist}, fan_in${note}`);
    if (near(s.std * Math.sqrt(fanOut), Math.SQRT2, tol))
      candidates.push(`He (Kaiming)${dist}, fan_out${note}`);
    if (near(s.std * Math.sqrt((fanIn + fanOut) / 2), 1, tol))
      candidates.push(`Xavier (Glorot)${dist}, fan_avg${note}`);
    if (dist === ' uniform' && near(r, 1 / Math.sqrt(3), tol))
      candidates.push(`PyTorch default (kaiming_uniform, a = sqrt(5))${note}`);
  }
  if (near(s.std, 0.02, tol)) candidates.push(`GPT-2/BERT style${dist} N(0, 0.02^2)`);
  const layers = Math.round((0.02 / s.std) ** 2 / 2);
  if (layers >= 1 && layers <= 10_000 && near(s.std, 0.02 / Math.sqrt(2 * layers), tol)) {
    candidates.push(`GPT-2 residual projection${dist} N(0, (0.02/sqrt(2·n_layer))^2), n_layer ≈ ${layers}`);
  }
  const unique = [...new Set(candidates)];
  if (unique.length > 0) return unique.join('; ');
  return `unrecognized${dist} (std ${Number(s.std.toPrecision(4))})`;
}
