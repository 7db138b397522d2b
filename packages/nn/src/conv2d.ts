import { BaseLayer } from './base-layer';
import { col2im, type Geometry, im2col, outputLength, type Pair, pairOption } from './conv-geometry';
import type { AdvisorLayerInfo, LayerConfig, Shape } from './layer';
import { layerGemm, mat } from './matrix-view';
import { booleanOption, checkOptions, numberOption } from './options';

/** Options of {@link Conv2D}. */
export interface Conv2DOptions {
  /** Number of output channels. */
  filters: number;
  /** Kernel size, `k` or `[kh, kw]`. */
  kernelSize: number | readonly [number, number];
  /** Stride. Default 1. */
  stride?: number | readonly [number, number];
  /** Zero padding on each side. Default 0. */
  padding?: number | readonly [number, number];
  /** Spacing between kernel taps. Default 1. */
  dilation?: number | readonly [number, number];
  /** Channel groups: input and output channels must both be divisible by it. Default 1. */
  groups?: number;
  /** Whether to add a bias per output channel. Default true. */
  bias?: boolean;
}

const KEYS = ['filters', 'kernelSize', 'stride', 'padding', 'dilation', 'groups', 'bias'];

/**
 * 2-D convolution (cross-correlation, as PyTorch's `Conv2d`) by im2col and GEMM.
 *
 * ```math
 * y[o, p, q] = b[o] + \sum_{c \in g(o)} \sum_{i, j} W[o, c - c_0(g), i, j]\;
 *   x[c,\; p s_h - p_h + i d_h,\; q s_w - p_w + j d_w]
 * ```
 *
 * Input `[c, h, w]`, output `[filters, oh, ow]` with
 * `oh = ⌊(h + 2 p_h − d_h (k_h − 1) − 1) / s_h⌋ + 1` (same for width). Weights
 * `[filters, c/groups, kh, kw]` (PyTorch's layout), bias `[filters]`.
 *
 * Per sample and group: `cols = im2col(x)` (`[c/g·kh·kw, oh·ow]`), `Y_g = W_g cols`; backward
 * `dW_g += dY_g colsᵀ`, `dcols = W_gᵀ dY_g`, `dx += col2im(dcols)`; every product is one `gemm`.
 * The columns of one sample are recomputed in backward rather than stored for the whole batch.
 *
 * @param options - `filters`, `kernelSize` (required); `stride` 1, `padding` 0, `dilation` 1,
 *   `groups` 1, `bias` true.
 * @throws {NnError} `INVALID_ARGUMENT` for bad sizes or unknown options; `SHAPE_MISMATCH` at build
 *   time when the input is not `[c, h, w]`, channels are not divisible by `groups`, or the kernel
 *   does not fit the padded input.
 * @example
 * ```ts
 * const conv = new Conv2D({ filters: 8, kernelSize: 3, padding: 1 });
 * conv.build([3, 32, 32], 'conv1'); // => [8, 32, 32]
 * conv.parameters()[0].shape; // => [8, 3, 3, 3]
 * ```
 */
export class Conv2D extends BaseLayer {
  readonly kind = 'conv2d';
  readonly filters: number;
  readonly kernelSize: Pair;
  readonly stride: Pair;
  readonly padding: Pair;
  readonly dilation: Pair;
  readonly groups: number;
  readonly useBias: boolean;
  private g: Geometry | undefined;
  private w: Float32Array = new Float32Array(0);
  private dw: Float32Array = new Float32Array(0);
  private b: Float32Array | undefined;
  private db: Float32Array | undefined;

  constructor(options: Conv2DOptions) {
    super();
    const o = checkOptions(options, KEYS, 'options');
    this.filters = numberOption(o, 'filters', { integer: true, min: 1, max: 1 << 16 });
    this.kernelSize = pairOption(o, 'kernelSize', 1, undefined);
    this.stride = pairOption(o, 'stride', 1, [1, 1]);
    this.padding = pairOption(o, 'padding', 0, [0, 0]);
    this.dilation = pairOption(o, 'dilation', 1, [1, 1]);
    this.groups = numberOption(o, 'groups', { integer: true, min: 1, max: 1 << 16 }, 1);
    this.useBias = booleanOption(o, 'bias', true);
  }

  protected buildShape(inputShape: Shape): Shape {
    if (inputShape.length !== 3) {
      this.shapeError(`expects an input [channels, height, width], got [${inputShape.join(', ')}]`);
    }
    const [c, h, w] = inputShape as [number, number, number];
    const groups = this.groups;
    if (c % groups !== 0 || this.filters % groups !== 0) {
      this.shapeError(
        `groups = ${groups} must divide the input channels (${c}) and filters (${this.filters})`,
      );
    }
    const [kh, kw] = this.kernelSize;
    const [sh, sw] = this.stride;
    const [ph, pw] = this.padding;
    const [dh, dw] = this.dilation;
    const oh = outputLength(h, kh, sh, ph, dh);
    const ow = outputLength(w, kw, sw, pw, dw);
    if (oh < 1 || ow < 1) {
      this.shapeError(
        `kernel ${kh}x${kw} (dilation ${dh}x${dw}) does not fit the input ${h}x${w} with padding ${ph}x${pw}`,
      );
    }
    this.g = { channels: c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow };
    const wp = this.addParameter('weight', [this.filters, c / groups, kh, kw], 'weight');
    this.w = wp.value;
    this.dw = wp.grad;
    if (this.useBias) {
      const bp = this.addParameter('bias', [this.filters], 'bias');
      this.b = bp.value;
      this.db = bp.grad;
    }
    return [this.filters, oh, ow];
  }

  private geometry(): Geometry {
    return this.g as Geometry;
  }

  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkInput(x, batch);
    const g = this.geometry();
    const groups = this.groups;
    const cg = g.channels / groups;
    const og = this.filters / groups;
    const k = cg * g.kh * g.kw;
    const ohw = g.oh * g.ow;
    const inSize = g.channels * g.h * g.w;
    const outSize = this.filters * ohw;
    const y = this.cache.get('y', batch * outSize);
    const cols = this.cache.get('cols', k * ohw);
    const colsM = mat(cols, k, ohw);
    for (let s = 0; s < batch; s++) {
      for (let gi = 0; gi < groups; gi++) {
        im2col(x, s * inSize, g, gi * cg, cg, cols);
        layerGemm(
          this.path,
          'forward',
          1,
          mat(this.w, og, k, gi * og * k),
          colsM,
          0,
          mat(y, og, ohw, s * outSize + gi * og * ohw),
        );
      }
      const b = this.b;
      if (b !== undefined) {
        for (let o = 0; o < this.filters; o++) {
          const bo = b[o] as number;
          const base = s * outSize + o * ohw;
          for (let p = 0; p < ohw; p++) y[base + p] = (y[base + p] as number) + bo;
        }
      }
    }
    this.save(x, batch, training);
    return y;
  }

  backward(dy: Float32Array, batch: number, inputGrad = true): Float32Array {
    this.checkGrad(dy, batch);
    const x = this.input(batch);
    const g = this.geometry();
    const groups = this.groups;
    const cg = g.channels / groups;
    const og = this.filters / groups;
    const k = cg * g.kh * g.kw;
    const ohw = g.oh * g.ow;
    const inSize = g.channels * g.h * g.w;
    const outSize = this.filters * ohw;
    const dx = this.cache.get('dx', batch * inSize, inputGrad);
    const cols = this.cache.get('cols', k * ohw);
    const dcols = this.cache.get('dcols', k * ohw);
    const colsM = mat(cols, k, ohw);
    const dcolsM = mat(dcols, k, ohw);
    for (let s = 0; s < batch; s++) {
      for (let gi = 0; gi < groups; gi++) {
        const dyG = mat(dy, og, ohw, s * outSize + gi * og * ohw);
        im2col(x, s * inSize, g, gi * cg, cg, cols);
        layerGemm(this.path, 'backward', 1, dyG, colsM, 1, mat(this.dw, og, k, gi * og * k), {
          transB: true,
        });
        if (!inputGrad) continue;
        layerGemm(this.path, 'backward', 1, mat(this.w, og, k, gi * og * k), dyG, 0, dcolsM, {
          transA: true,
        });
        col2im(dcols, g, gi * cg, cg, dx, s * inSize);
      }
      const db = this.db;
      if (db !== undefined) {
        for (let o = 0; o < this.filters; o++) {
          let acc = 0;
          const base = s * outSize + o * ohw;
          for (let p = 0; p < ohw; p++) acc += dy[base + p] as number;
          db[o] = (db[o] as number) + acc;
        }
      }
    }
    return dx;
  }

  config(): LayerConfig {
    return {
      kind: this.kind,
      filters: this.filters,
      kernelSize: [...this.kernelSize],
      stride: [...this.stride],
      padding: [...this.padding],
      dilation: [...this.dilation],
      groups: this.groups,
      bias: this.useBias,
    };
  }

  override advisorLayer(): AdvisorLayerInfo {
    return { kind: 'conv2d', shape: this.parameters()[0]?.shape ?? [], bias: this.useBias };
  }
}
