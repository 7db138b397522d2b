import { NnError } from './errors';
import { checkNumber, isRecord, rawOption } from './options';

/** A pair of sizes along height and width. */
export type Pair = readonly [number, number];

/** Reads a size option given as one integer or `[h, w]`; each at least `min`. */
export function pairOption(
  options: Readonly<Record<string, unknown>>,
  key: string,
  min: number,
  fallback: Pair | undefined,
): Pair {
  const v = rawOption(options, key);
  if (v === undefined) {
    if (fallback === undefined)
      throw new NnError('INVALID_ARGUMENT', key, 'is required: an integer or [height, width]');
    return fallback;
  }
  const rule = { integer: true, min, max: 1 << 16 };
  if (typeof v === 'number') {
    const n = checkNumber(v, key, rule);
    return [n, n];
  }
  if (Array.isArray(v) && v.length === 2 && !isRecord(v)) {
    return [checkNumber(v[0], key, rule), checkNumber(v[1], key, rule)];
  }
  throw new NnError('INVALID_ARGUMENT', key, 'must be an integer or [height, width]');
}

/** Output length of a convolution or pooling window along one axis (PyTorch's formula). */
export function outputLength(
  size: number,
  kernel: number,
  stride: number,
  padding: number,
  dilation: number,
): number {
  return Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** Geometry of a 2-D window operation on one `[channels, h, w]` sample. */
export interface Geometry {
  readonly channels: number;
  readonly h: number;
  readonly w: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly ph: number;
  readonly pw: number;
  readonly dh: number;
  readonly dw: number;
  readonly oh: number;
  readonly ow: number;
}

/**
 * First output column `xq` whose input column `xq·sw − pw + j·dw` (kernel column `j`) lies inside
 * the image. With {@link endValidColumn}, lets im2col and col2im run their inner loops over
 * `[lo, hi)` without a bounds test per element (the columns outside read padding).
 */
function firstValidColumn(j: number, g: Geometry): number {
  return Math.min(g.ow, Math.max(0, Math.ceil((g.pw - j * g.dw) / g.sw)));
}

/** One past the last output column whose input column lies inside the image (at least `lo`). */
function endValidColumn(j: number, g: Geometry, lo: number): number {
  return Math.max(lo, Math.min(g.ow, Math.floor((g.w - 1 + g.pw - j * g.dw) / g.sw) + 1));
}

/**
 * Unfolds channels `[c0, c0 + cn)` of one sample `x[offset ...]` (`[channels, h, w]`) into
 * `cols` as a `[cn·kh·kw, oh·ow]` row-major matrix; padded positions read 0.
 */
export function im2col(
  x: Float32Array,
  offset: number,
  g: Geometry,
  c0: number,
  cn: number,
  cols: Float32Array,
): void {
  const { h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow } = g;
  const ohw = oh * ow;
  let row = 0;
  for (let c = c0; c < c0 + cn; c++) {
    const base = offset + c * h * w;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++, row++) {
        const o = row * ohw;
        const lo = firstValidColumn(j, g);
        const hi = endValidColumn(j, g, lo);
        for (let y = 0; y < oh; y++) {
          const iy = y * sh - ph + i * dh;
          const oo = o + y * ow;
          if (iy < 0 || iy >= h) {
            cols.fill(0, oo, oo + ow);
            continue;
          }
          const rb = base + iy * w - pw + j * dw;
          if (lo > 0) cols.fill(0, oo, oo + lo);
          for (let xq = lo; xq < hi; xq++) cols[oo + xq] = x[rb + xq * sw] as number;
          if (hi < ow) cols.fill(0, oo + hi, oo + ow);
        }
      }
    }
  }
}

/** Adjoint of {@link im2col}: adds `cols` back into channels `[c0, c0 + cn)` of `dx[offset ...]`. */
export function col2im(
  cols: Float32Array,
  g: Geometry,
  c0: number,
  cn: number,
  dx: Float32Array,
  offset: number,
): void {
  const { h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow } = g;
  const ohw = oh * ow;
  let row = 0;
  for (let c = c0; c < c0 + cn; c++) {
    const base = offset + c * h * w;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++, row++) {
        const o = row * ohw;
        const lo = firstValidColumn(j, g);
        const hi = endValidColumn(j, g, lo);
        for (let y = 0; y < oh; y++) {
          const iy = y * sh - ph + i * dh;
          if (iy < 0 || iy >= h) continue;
          const rb = base + iy * w - pw + j * dw;
          const oo = o + y * ow;
          for (let xq = lo; xq < hi; xq++) {
            const at = rb + xq * sw;
            dx[at] = (dx[at] as number) + (cols[oo + xq] as number);
          }
        }
      }
    }
  }
}
