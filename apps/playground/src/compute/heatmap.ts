/**
 * The signal view's depth × value heatmap: a value range shared by every layer, and one histogram row per layer.
 */

/**
 * The element of rank `k` (0-based, ascending) of `a[0 : n)`, found by quickselect (Hoare partitions around the
 * median of three), which reorders `a`. Values compare with `<`, so −0 and +0 are equal here ({@link heatRange}
 * restores the sign a sort would give).
 */
function selectRank(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

/**
 * The value range of the heatmap: the 0.5% and 99.5% quantiles (ranks `floor(0.005 (k − 1))` and
 * `ceil(0.995 (k − 1))` of the `k` sampled values) of a strided sample of at most 256 values per layer, widened
 * around a single value. The ranks are found by selection instead of a sort; a zero gets the sign it has at that
 * rank in ascending order with −0 before +0 (as `Float64Array.prototype.sort` orders them), so the range is the
 * same as from the sorted sample. Values must not be NaN (the view keeps only finite layers).
 */
export function heatRange(layers: readonly Float32Array[]): [number, number] {
  const per = 256;
  const sample = new Float64Array(layers.length * per);
  let k = 0;
  let below = 0;
  let negativeZeros = 0;
  for (const a of layers) {
    const step = Math.max(1, Math.floor(a.length / per));
    for (let i = 0, j = 0; i < a.length && j < per; i += step, j++) {
      const v = a[i] as number;
      if (v < 0) below++;
      else if (v === 0 && 1 / v < 0) negativeZeros++;
      sample[k++] = v;
    }
  }
  if (k === 0) return [-1, 1];
  const signed = (rank: number, v: number) => (v !== 0 ? v : rank < below + negativeZeros ? -0 : 0);
  const loRank = Math.floor(0.005 * (k - 1));
  const hiRank = Math.ceil(0.995 * (k - 1));
  let lo = signed(loRank, selectRank(sample, k, loRank));
  let hi = signed(hiRank, selectRank(sample, k, hiRank));
  if (!(hi > lo)) {
    const c = lo;
    const w = Math.max(Math.abs(c) * 0.1, 1e-6);
    lo = c - w;
    hi = c + w;
  }
  return [lo, hi];
}

/** Four interleaved sub-histograms, so that a run of values in one bin (ReLU's zeros) does not chain its increments. */
let counts = new Int32Array(0);

/**
 * Adds the histogram of `a` over `[lo, hi)` in `bins` bins (values outside go to the end bins) to
 * `out[offset : offset + bins)`, then scales the row by its second-largest bin, capped at 1, so that a spike such
 * as ReLU's zeros does not wash out the rest of the row. Counts are exact integers, so the row is the same as
 * adding one per value to `out`.
 */
export function histogramRow(
  a: Float32Array,
  lo: number,
  hi: number,
  out: Float32Array,
  offset: number,
  bins: number,
): void {
  if (counts.length < 4 * bins) counts = new Int32Array(4 * bins);
  const c = counts;
  c.fill(0, 0, 4 * bins);
  const scale = bins / (hi - lo);
  const last = bins - 1;
  const binOf = (v: number): number => {
    const b = Math.floor((v - lo) * scale);
    return b < 0 ? 0 : b >= bins ? last : b;
  };
  const add = (at: number): void => {
    c[at] = (c[at] as number) + 1;
  };
  const n4 = a.length - (a.length % 4);
  for (let i = 0; i < n4; i += 4) {
    add(binOf(a[i] as number));
    add(bins + binOf(a[i + 1] as number));
    add(2 * bins + binOf(a[i + 2] as number));
    add(3 * bins + binOf(a[i + 3] as number));
  }
  for (let i = n4; i < a.length; i++) add(binOf(a[i] as number));
  let first = 0;
  let second = 0;
  for (let b = 0; b < bins; b++) {
    const v =
      (out[offset + b] as number) +
      (c[b] as number) +
      (c[bins + b] as number) +
      (c[2 * bins + b] as number) +
      (c[3 * bins + b] as number);
    out[offset + b] = v;
    if (v > first) {
      second = first;
      first = v;
    } else if (v > second) second = v;
  }
  const top = second > 0 ? second : first;
  if (top > 0)
    for (let b = 0; b < bins; b++) out[offset + b] = Math.min(1, (out[offset + b] as number) / top);
}
