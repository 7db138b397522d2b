import { BaseLayer } from './base-layer';
import { type Geometry, outputLength, type Pair, pairOption } from './conv-geometry';
import type { LayerConfig, Shape } from './layer';
import { booleanOption, checkOptions } from './options';

/** Options of {@link MaxPool2D} and {@link AvgPool2D}. */
export interface Pool2DOptions {
  /** Window size, `k` or `[kh, kw]`. */
  kernelSize: number | readonly [number, number];
  /** Stride. Default: the kernel size. */
  stride?: number | readonly [number, number];
  /** Implicit padding on each side (−∞ for max, 0 for average), at most half the kernel. Default 0. */
  padding?: number | readonly [number, number];
  /** AvgPool2D only: count padded zeros in the divisor (PyTorch's `count_include_pad`). Default true. */
  countIncludePad?: boolean;
}

abstract class Pool2D extends BaseLayer {
  readonly kernelSize: Pair;
  readonly stride: Pair;
  readonly padding: Pair;
  protected g: Geometry | undefined;

  constructor(options: Pool2DOptions, keys: readonly string[]) {
    super();
    const o = checkOptions(options, keys, 'options');
    this.kernelSize = pairOption(o, 'kernelSize', 1, undefined);
    this.stride = pairOption(o, 'stride', 1, this.kernelSize);
    this.padding = pairOption(o, 'padding', 0, [0, 0]);
    this.options = o;
  }

  /** The checked options, for subclasses with extra keys. */
  protected readonly options: Readonly<Record<string, unknown>>;

  protected buildShape(inputShape: Shape): Shape {
    if (inputShape.length !== 3) {
      this.shapeError(`expects an input [channels, height, width], got [${inputShape.join(', ')}]`);
    }
    const [c, h, w] = inputShape as [number, number, number];
    const [kh, kw] = this.kernelSize;
    const [sh, sw] = this.stride;
    const [ph, pw] = this.padding;
    if (2 * ph > kh || 2 * pw > kw)
      this.shapeError(`padding ${ph}x${pw} exceeds half the kernel ${kh}x${kw}`);
    const oh = outputLength(h, kh, sh, ph, 1);
    const ow = outputLength(w, kw, sw, pw, 1);
    if (oh < 1 || ow < 1) this.shapeError(`window ${kh}x${kw} does not fit the input ${h}x${w}`);
    this.g = { channels: c, h, w, kh, kw, sh, sw, ph, pw, dh: 1, dw: 1, oh, ow };
    return [c, oh, ow];
  }

  protected baseConfig(): LayerConfig {
    return {
      kind: this.kind,
      kernelSize: [...this.kernelSize],
      stride: [...this.stride],
      padding: [...this.padding],
    };
  }
}

/**
 * 2-D max pooling over `kh x kw` windows (PyTorch's `MaxPool2d`, floor mode, no dilation).
 *
 * ```math
 * y[c, p, q] = \max_{i < k_h,\, j < k_w} x[c,\; p s_h - p_h + i,\; q s_w - p_w + j]
 * ```
 *
 * Padded positions never win. The first maximum of a window (row-major) receives the whole
 * gradient, as in PyTorch; the winners' indices are kept in a reused `Int32Array`.
 *
 * @param options - `kernelSize` (required), `stride` (default kernel), `padding` (default 0).
 * @throws {NnError} `INVALID_ARGUMENT` for bad sizes; `SHAPE_MISMATCH` at build for a non-`[c, h, w]`
 *   input, padding above half the kernel, or a window that does not fit.
 * @example
 * ```ts
 * new MaxPool2D({ kernelSize: 2 }).build([8, 28, 28], 'pool'); // => [8, 14, 14]
 * ```
 */
export class MaxPool2D extends Pool2D {
  readonly kind = 'max_pool2d';

  constructor(options: Pool2DOptions) {
    super(options, ['kernelSize', 'stride', 'padding']);
  }

  /** Pools each window of every channel for `batch` samples; with `training` it keeps what `backward` needs. */
  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkInput(x, batch);
    const g = this.g as Geometry;
    const { h, w, kh, kw, sh, sw, ph, pw, oh, ow } = g;
    const planes = batch * g.channels;
    const y = this.cache.get('y', planes * oh * ow);
    const arg = this.cache.getInt32('arg', planes * oh * ow);
    for (let pl = 0; pl < planes; pl++) {
      const xb = pl * h * w;
      const yb = pl * oh * ow;
      for (let p = 0; p < oh; p++) {
        const y0 = p * sh - ph;
        const iy0 = Math.max(0, y0);
        const iy1 = Math.min(h, y0 + kh);
        for (let q = 0; q < ow; q++) {
          const x0 = q * sw - pw;
          const ix0 = Math.max(0, x0);
          const ix1 = Math.min(w, x0 + kw);
          let best = Number.NEGATIVE_INFINITY;
          let at = xb + iy0 * w + ix0;
          for (let iy = iy0; iy < iy1; iy++) {
            for (let ix = ix0; ix < ix1; ix++) {
              const v = x[xb + iy * w + ix] as number;
              if (v > best || Number.isNaN(v)) {
                best = v;
                at = xb + iy * w + ix;
                if (Number.isNaN(v)) break;
              }
            }
          }
          y[yb + p * ow + q] = x[at] as number;
          arg[yb + p * ow + q] = at;
        }
      }
    }
    this.save(x, batch, training);
    return y;
  }

  /** Back-propagates `dy` through the last forward pass; returns `dL/dx` (pooling has no parameters). */
  backward(dy: Float32Array, batch: number): Float32Array {
    this.checkGrad(dy, batch);
    this.input(batch);
    const g = this.g as Geometry;
    const n = batch * g.channels * g.oh * g.ow;
    const dx = this.cache.get('dx', batch * g.channels * g.h * g.w, true);
    const arg = this.cache.getInt32('arg', n);
    for (let i = 0; i < n; i++) {
      const a = arg[i] as number;
      dx[a] = (dx[a] as number) + (dy[i] as number);
    }
    return dx;
  }

  /** JSON config that recreates the layer (`kind`, `kernelSize`, `stride`, `padding`). */
  config(): LayerConfig {
    return this.baseConfig();
  }
}

/**
 * 2-D average pooling over `kh x kw` windows (PyTorch's `AvgPool2d`, floor mode).
 *
 * ```math
 * y[c, p, q] = \frac{1}{N_{pq}} \sum_{i, j} x[c,\; p s_h - p_h + i,\; q s_w - p_w + j]
 * ```
 *
 * `N_pq = kh·kw` when `countIncludePad` (default, padded zeros count), else the number of window
 * positions inside the input. Backward spreads `dy / N_pq` over the window.
 *
 * @param options - `kernelSize` (required), `stride` (default kernel), `padding` (default 0),
 *   `countIncludePad` (default true).
 * @throws {NnError} as {@link MaxPool2D}.
 * @example
 * ```ts
 * const pool = new AvgPool2D({ kernelSize: 2 });
 * pool.build([1, 2, 2], 'pool');
 * pool.forward(new Float32Array([1, 2, 3, 4]), 1, false); // => Float32Array [2.5]
 * ```
 */
export class AvgPool2D extends Pool2D {
  readonly kind = 'avg_pool2d';
  readonly countIncludePad: boolean;

  constructor(options: Pool2DOptions) {
    super(options, ['kernelSize', 'stride', 'padding', 'countIncludePad']);
    this.countIncludePad = booleanOption(this.options, 'countIncludePad', true);
  }

  private divisor(p: number, q: number): number {
    const { h, w, kh, kw, sh, sw, ph, pw } = this.g as Geometry;
    const y0 = p * sh - ph;
    const x0 = q * sw - pw;
    if (this.countIncludePad) {
      // PyTorch counts positions inside the padded input (windows never pass the padding).
      return (Math.min(y0 + kh, h + ph) - y0) * (Math.min(x0 + kw, w + pw) - x0);
    }
    return (Math.min(h, y0 + kh) - Math.max(0, y0)) * (Math.min(w, x0 + kw) - Math.max(0, x0));
  }

  /** Pools each window of every channel for `batch` samples; with `training` it keeps what `backward` needs. */
  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkInput(x, batch);
    const g = this.g as Geometry;
    const { h, w, kh, kw, sh, sw, ph, pw, oh, ow } = g;
    const planes = batch * g.channels;
    const y = this.cache.get('y', planes * oh * ow);
    for (let pl = 0; pl < planes; pl++) {
      const xb = pl * h * w;
      const yb = pl * oh * ow;
      for (let p = 0; p < oh; p++) {
        const y0 = p * sh - ph;
        const iy0 = Math.max(0, y0);
        const iy1 = Math.min(h, y0 + kh);
        for (let q = 0; q < ow; q++) {
          const x0 = q * sw - pw;
          const ix0 = Math.max(0, x0);
          const ix1 = Math.min(w, x0 + kw);
          let s = 0;
          for (let iy = iy0; iy < iy1; iy++) {
            for (let ix = ix0; ix < ix1; ix++) s += x[xb + iy * w + ix] as number;
          }
          y[yb + p * ow + q] = s / this.divisor(p, q);
        }
      }
    }
    this.save(x, batch, training);
    return y;
  }

  /** Back-propagates `dy` through the last forward pass; returns `dL/dx` (pooling has no parameters). */
  backward(dy: Float32Array, batch: number): Float32Array {
    this.checkGrad(dy, batch);
    this.input(batch);
    const g = this.g as Geometry;
    const { h, w, kh, kw, sh, sw, ph, pw, oh, ow } = g;
    const planes = batch * g.channels;
    const dx = this.cache.get('dx', planes * h * w, true);
    for (let pl = 0; pl < planes; pl++) {
      const xb = pl * h * w;
      const yb = pl * oh * ow;
      for (let p = 0; p < oh; p++) {
        const y0 = p * sh - ph;
        const iy0 = Math.max(0, y0);
        const iy1 = Math.min(h, y0 + kh);
        for (let q = 0; q < ow; q++) {
          const x0 = q * sw - pw;
          const ix0 = Math.max(0, x0);
          const ix1 = Math.min(w, x0 + kw);
          const d = (dy[yb + p * ow + q] as number) / this.divisor(p, q);
          for (let iy = iy0; iy < iy1; iy++) {
            for (let ix = ix0; ix < ix1; ix++) dx[xb + iy * w + ix] = (dx[xb + iy * w + ix] as number) + d;
          }
        }
      }
    }
    return dx;
  }

  /** JSON config that recreates the layer (`kind`, `kernelSize`, `stride`, `padding`). */
  config(): LayerConfig {
    return { ...this.baseConfig(), countIncludePad: this.countIncludePad };
  }
}
