import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heatRange, histogramRow } from './heatmap';

/** The range as a full sort gives it (the quantile ranks of the ascending sample). */
function sortedRange(layers: readonly Float32Array[]): [number, number] {
  const sample: number[] = [];
  for (const a of layers) {
    const step = Math.max(1, Math.floor(a.length / 256));
    for (let i = 0, j = 0; i < a.length && j < 256; i += step, j++) sample.push(a[i] as number);
  }
  if (sample.length === 0) return [-1, 1];
  const sorted = Float64Array.from(sample).sort();
  const k = sorted.length;
  let lo = sorted[Math.floor(0.005 * (k - 1))] as number;
  let hi = sorted[Math.ceil(0.995 * (k - 1))] as number;
  if (!(hi > lo)) {
    const c = lo;
    const w = Math.max(Math.abs(c) * 0.1, 1e-6);
    lo = c - w;
    hi = c + w;
  }
  return [lo, hi];
}

/** One count per value, added to a float32 row, then scaled by the second-largest bin. */
function naiveRow(a: Float32Array, lo: number, hi: number, bins: number): Float32Array {
  const out = new Float32Array(bins);
  const scale = bins / (hi - lo);
  for (const v of a) {
    let b = Math.floor((v - lo) * scale);
    if (b < 0) b = 0;
    else if (b >= bins) b = bins - 1;
    out[b] = (out[b] as number) + 1;
  }
  const sorted = [...out].sort((x, y) => y - x);
  const top = (sorted[1] as number) > 0 ? (sorted[1] as number) : (sorted[0] as number);
  if (top > 0) for (let b = 0; b < bins; b++) out[b] = Math.min(1, (out[b] as number) / top);
  return out;
}

// Values with many ties and signed zeros, as ReLU layers have.
const value = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5),
  fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
);
const layer = fc.array(value, { maxLength: 700 }).map((v) => Float32Array.from(v));

describe('heatmap', () => {
  it('finds the same range as sorting the sample, signed zeros included', () => {
    fc.assert(
      fc.property(fc.array(layer, { maxLength: 6 }), (layers) => {
        const got = heatRange(layers);
        const want = sortedRange(layers);
        expect(Object.is(got[0], want[0]) && Object.is(got[1], want[1]), `${got} vs ${want}`).toBe(true);
      }),
      { seed: 12, numRuns: 400 },
    );
  });

  it('picks −0 or +0 by rank among zeros of both signs', () => {
    // The lower quantile's rank falls among the −0s in the first case and among the +0s in the second.
    const negative = [Float32Array.from([-3, ...Array(150).fill(-0), ...Array(100).fill(0), 4, 4, 4])];
    const positive = [Float32Array.from([5, 5, 5, -0, ...Array(250).fill(0)])];
    expect(Object.is(heatRange(negative)[0], -0)).toBe(true);
    expect(Object.is(heatRange(positive)[0], 0)).toBe(true);
    expect([heatRange(negative), heatRange(positive)]).toEqual([
      sortedRange(negative),
      sortedRange(positive),
    ]);
  });

  it('gives the same rows as counting one value at a time', () => {
    fc.assert(
      fc.property(layer, fc.integer({ min: 1, max: 64 }), (a, bins) => {
        const [lo, hi] = sortedRange([a]);
        const out = new Float32Array(bins + 3);
        histogramRow(a, lo, hi, out, 3, bins);
        expect(Array.from(out.subarray(3))).toEqual(Array.from(naiveRow(a, lo, hi, bins)));
        expect(Array.from(out.subarray(0, 3))).toEqual([0, 0, 0]);
      }),
      { seed: 13, numRuns: 300 },
    );
  });
});
