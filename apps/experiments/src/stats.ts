/** Mean and spread of a sample. */
export interface Summary {
  readonly mean: number;
  /** Sample standard deviation (n − 1); 0 for one value. */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

/**
 * Mean, sample standard deviation, minimum and maximum of the finite values (NaN fields for none).
 *
 * @example
 * ```ts
 * summarize([1, 2, 3]); // => { mean: 2, std: 1, min: 1, max: 3, n: 3 }
 * ```
 */
export function summarize(values: readonly number[]): Summary {
  const v = values.filter(Number.isFinite);
  const n = v.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const ss = v.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min: Math.min(...v), max: Math.max(...v), n };
}

/**
 * A summary as text: `mean ± std` with `digits` significant digits.
 *
 * @example
 * ```ts
 * formatSummary(summarize([1, 2, 3])); // => '2.00 ± 1.00'
 * ```
 */
export function formatSummary(s: Summary, digits = 3): string {
  if (s.n === 0) return 'n/a';
  return `${formatNumber(s.mean, digits)} ± ${formatNumber(s.std, digits)}`;
}

/**
 * A number with `digits` significant digits, in exponent form when very small or large.
 *
 * @example
 * ```ts
 * formatNumber(0.000012345); // => '1.23e-5'
 * ```
 */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e5) return x.toExponential(digits - 1).replace('e+', 'e');
  return x.toPrecision(digits);
}

/** Mean and (population) standard deviation of a buffer's values. */
export function moments(values: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  const mean = s / values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += ((values[i] as number) - mean) ** 2;
  return { mean, std: Math.sqrt(ss / values.length) };
}
