import { describeValue, InitError } from './errors';
import { createInitializer, type Initializer, type Prepared, type SchemeDefinition } from './initializer';
import { type LayoutSpec, resolveAxes } from './layout';
import { type Extent, MAX_ELEMENTS, NORMAL_SPREAD } from './limits';
import { num, type Params, str } from './params';
import { matrixPlacement } from './placement';
import { streamOf } from './random-source';
import { prod, requireRank } from './shape';

/**
 * `ceil(fraction · n)` computed exactly on the decimal `fraction` is written as: its shortest
 * round-trip form (what `String(fraction)` prints, e.g. `'0.07'` or `'1e-7'`), read as the
 * rational `digits / 10^k`, so `ceil(digits · n / 10^k)` in BigInt arithmetic. `0.07 · 100` is
 * 7.000000000000001 in floating point and PyTorch's `math.ceil` gives 8; here it is 7. And
 * `0.5000000001 · 10` is 5.000000001, so 6, as exact arithmetic and PyTorch both give.
 *
 * @param fraction - A finite number >= 0.
 * @param n - A non-negative safe integer.
 */
export function ceilFraction(fraction: number, n: number): number {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(fraction));
  if (!match)
    throw new InitError('INVALID_ARGUMENT', 'sparsity', `must be a finite number >= 0, got ${fraction}`);
  const fractionDigits = match[2] ?? '';
  const digits = BigInt(`${match[1]}${fractionDigits}`);
  const exponent = Number(match[3] ?? '0') - fractionDigits.length;
  const product = digits * BigInt(n);
  if (exponent >= 0) return Number(product * 10n ** BigInt(exponent));
  const scale = 10n ** BigInt(-exponent);
  return Number((product + scale - 1n) / scale);
}

/** Non-zeros per output unit under Martens semantics. */
function martensK(p: Params, fanIn: number): number {
  const k = p.k as number | null;
  const sparsity = p.sparsity as number | null;
  if (k !== null) return Math.min(k, fanIn);
  if (sparsity !== null) return fanIn - ceilFraction(sparsity, fanIn);
  return Math.min(15, fanIn);
}

/**
 * Martens semantics for any rank >= 2: each output unit (index along the layout's output axis)
 * gets exactly k non-zero weights among its fan_in incoming ones (inputs times kernel taps).
 */
function prepareMartens(
  p: Params,
  shape: number[],
  layout: LayoutSpec,
  std: number,
  extents: Extent[],
): Prepared {
  requireRank(shape, 2, Number.POSITIVE_INFINITY, "sparse with semantics 'martens'");
  const axes = resolveAxes(layout, shape.length);
  if (axes.outAxes.length !== 1 || axes.batchAxes.length !== 0) {
    throw new InitError('UNSUPPORTED', 'layout', 'sparse needs exactly one output axis and no batch axes');
  }
  const ax = axes.outAxes[0] as number;
  const outs = shape[ax] as number;
  const inner = prod(shape, ax + 1);
  const fanIn = outs === 0 ? 0 : prod(shape) / outs;
  const k = martensK(p, fanIn);
  return {
    description: {
      formula: `each of the ${outs} output units gets exactly ${k} non-zero incoming weights ~ N(0, ${std}^2), out of ${fanIn}`,
      distribution: 'sparse',
      std,
      notes: [`nonzeros: ${k * outs} of ${outs * fanIn}`],
    },
    extents,
    run(out, source) {
      const rng = streamOf(source);
      out.fill(0);
      if (k === 0) return;
      const values = out instanceof Float32Array ? new Float32Array(k) : new Float64Array(k);
      const block = outs * inner;
      for (let o = 0; o < outs; o++) {
        const idx = rng.sample(fanIn, k);
        if (std === 0) values.fill(0);
        else rng.fillNormal(values, 0, std);
        for (let t = 0; t < k; t++) {
          const a = idx[t] as number;
          const outer = Math.floor(a / inner);
          out[outer * block + o * inner + (a - outer * inner)] = values[t] as number;
        }
      }
    },
  };
}

/** Registry definition of `sparse`. */
export const SPARSE: SchemeDefinition = {
  name: 'sparse',
  aliases: ['sparse_init'],
  params: [
    {
      name: 'sparsity',
      type: 'number',
      min: 0,
      max: 1,
      exclusiveMax: true,
      default: null,
      doc: 'Fraction of zeros, in [0, 1). Required for torch semantics; for martens, used when k is not given.',
    },
    {
      name: 'std',
      type: 'number',
      min: 0,
      default: 0.01,
      doc: 'Std of the non-zero values, N(0, std^2). Default 0.01.',
    },
    {
      name: 'semantics',
      type: 'enum',
      values: ['torch', 'martens'],
      default: 'torch',
      doc: "'torch': ceil(sparsity·out) zeros among each input unit's outgoing weights (PyTorch sparse_ columns); 'martens': exactly k non-zero incoming weights per output unit.",
    },
    {
      name: 'k',
      type: 'integer',
      min: 0,
      default: null,
      doc: 'Martens: non-zero incoming weights per unit (capped at fan_in). Default 15 unless sparsity is given.',
    },
  ],
  formula:
    'W ~ N(0, std^2) then zeros: torch, per input unit j: ceil(sparsity·out) of W[:, j] set to 0 (positions drawn from the stream); martens, per output unit i: all but k of W[i, :] are 0',
  whenToUse:
    'Martens-style sparse starts for deep or recurrent nets trained with second-order or Hessian-free methods; sparse connectivity experiments.',
  stochastic: true,
  check(p) {
    if (str(p, 'semantics') === 'torch' && p.sparsity === null) {
      throw new InitError(
        'INVALID_ARGUMENT',
        'sparsity',
        "sparse: is required with semantics 'torch' (a number in [0, 1))",
      );
    }
    if (str(p, 'semantics') === 'torch' && p.k !== null) {
      throw new InitError('INVALID_ARGUMENT', 'k', "sparse: applies to semantics 'martens' only");
    }
    if (p.sparsity !== null && p.k !== null) {
      throw new InitError('INVALID_ARGUMENT', 'k', 'sparse: give either sparsity or k, not both');
    }
  },
  prepare(p, shape, layout, m) {
    const std = num(p, 'std') * Math.abs(m);
    const extents: Extent[] = [{ base: NORMAL_SPREAD * num(p, 'std'), multiplier: m, argument: 'std' }];
    if (str(p, 'semantics') === 'martens') return prepareMartens(p, shape, layout, std, extents);
    requireRank(shape, 2, 2, "sparse with semantics 'torch'");
    const pl = matrixPlacement(shape, layout, 'lower', 'sparse');
    const outs = pl.outSize;
    const ins = pl.inSize;
    const zeros = ceilFraction(num(p, 'sparsity'), outs);
    return {
      description: {
        formula: `W ~ N(0, ${std}^2); for each of the ${ins} input units, ${zeros} of its ${outs} outgoing weights set to 0`,
        distribution: 'sparse',
        std,
        notes: [
          'zero positions are drawn from the given stream (PyTorch sparse_ draws them from the global RNG)',
          `nonzeros: ${(outs - zeros) * ins} of ${outs * ins}`,
        ],
      },
      extents,
      run(out, source) {
        const rng = streamOf(source);
        if (std === 0) out.fill(0);
        else rng.fillNormal(out, 0, std);
        for (let j = 0; j < ins; j++) {
          const idx = rng.sample(outs, zeros);
          const base = j * pl.inStride;
          for (let t = 0; t < idx.length; t++) out[base + (idx[t] as number) * pl.outStride] = 0;
        }
      },
    };
  },
};

/** Options of {@link sparse}. */
export interface SparseOptions {
  /** Fraction of zeros in [0, 1). Required for `'torch'` semantics. */
  sparsity?: number;
  /** Std of the non-zero values. Default 0.01. */
  std?: number;
  /** `'torch'` (default) or `'martens'`. */
  semantics?: 'torch' | 'martens';
  /** Martens: non-zeros per output unit (capped at fan_in). Default 15 when `sparsity` is absent. */
  k?: number;
  /** Output multiplier. Default 1. */
  multiplier?: number;
}

/**
 * Sparse initialization, two semantics:
 * - `'torch'` (PyTorch `sparse_`): fill with N(0, std²), then for each input unit (a column of a
 *   torch `[out, in]` weight) set exactly `ceil(sparsity · out)` of its weights to zero. Unlike
 *   PyTorch, the zero positions come from the given stream, and `ceil` is taken exactly on the
 *   shortest decimal that prints the number (sparsity 0.07 on 100 rows gives 7 zeros, PyTorch
 *   gives 8; 0.5000000001 on 10 rows gives 6, as in PyTorch).
 * - `'martens'` (Martens 2010): every output unit gets exactly `k` non-zero incoming weights drawn
 *   from N(0, std²), at positions drawn from the stream. Any rank >= 2: a conv unit's incoming
 *   weights are its inputs times kernel taps (fan_in of them).
 *
 * @param options - `sparsity` (required for torch), `std` (0.01), `semantics` ('torch'), `k` (martens, 15), `multiplier` (1).
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'sparsity'`) outside [0, 1) or missing; `SHAPE_MISMATCH` unless rank 2 (torch) or >= 2 (martens).
 * @example
 * ```ts
 * const w = sparse({ sparsity: 0.5 })([4, 3], 0).data;
 * w.filter((v) => v === 0).length; // => 6
 * ```
 */
export function sparse(options: SparseOptions = {}): Initializer {
  return createInitializer(SPARSE, options);
}

/** A matrix in compressed sparse row form, with its memory footprint. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  /** `rowPtr[i]..rowPtr[i+1]` index the entries of row i (length rows + 1). */
  rowPtr: Uint32Array;
  /** Column of each stored entry. */
  colIndex: Uint32Array;
  /** Value of each stored entry (the dense data's dtype). */
  values: Float32Array | Float64Array;
  /** Number of stored (non-zero) entries. */
  nnz: number;
  /** Bytes of rowPtr + colIndex + values. */
  bytes: number;
  /** Bytes the dense matrix takes. */
  denseBytes: number;
}

/**
 * Compresses a row-major `rows x cols` matrix to CSR, keeping every non-zero entry.
 *
 * Memory: `4·(rows + 1) + (4 + b)·nnz` bytes against `b·rows·cols` dense, with `b` = 4 (float32) or 8.
 *
 * @param data - Row-major values, `rows · cols` of them.
 * @param rows - Row count (output units of a torch `[out, in]` weight).
 * @param cols - Column count.
 * @throws {InitError} `SHAPE_MISMATCH` (argument `'data'`) when the length is not rows·cols.
 * @example
 * ```ts
 * const csr = toCsr(new Float32Array([0, 2, 0, 3]), 2, 2);
 * [csr.nnz, Array.from(csr.rowPtr), csr.bytes]; // => [2, [0, 1, 2], 28]
 * ```
 */
export function toCsr(data: Float32Array | Float64Array, rows: number, cols: number): CsrMatrix {
  if (!(data instanceof Float32Array) && !(data instanceof Float64Array)) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'data',
      `must be a Float32Array or Float64Array, got ${describeValue(data)}`,
    );
  }
  for (const [v, name] of [
    [rows, 'rows'],
    [cols, 'cols'],
  ] as const) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new InitError(
        'INVALID_ARGUMENT',
        name,
        `must be a non-negative integer, got ${describeValue(v)}`,
      );
    }
  }
  if (rows >= MAX_ELEMENTS || cols > 2 ** 32) {
    throw new InitError(
      'TOO_LARGE',
      rows >= MAX_ELEMENTS ? 'rows' : 'cols',
      `${rows} x ${cols} is too large for CSR here (rows < 2^30, cols <= 2^32)`,
    );
  }
  if (data.length !== rows * cols) {
    throw new InitError(
      'SHAPE_MISMATCH',
      'data',
      `has ${data.length} elements, ${rows} x ${cols} needs ${rows * cols}`,
    );
  }
  let nnz = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) nnz++;
  const rowPtr = new Uint32Array(rows + 1);
  const colIndex = new Uint32Array(nnz);
  const values = data instanceof Float32Array ? new Float32Array(nnz) : new Float64Array(nnz);
  let t = 0;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[base + j] as number;
      if (v !== 0) {
        colIndex[t] = j;
        values[t++] = v;
      }
    }
    rowPtr[i + 1] = t;
  }
  const b = values.BYTES_PER_ELEMENT;
  return {
    rows,
    cols,
    rowPtr,
    colIndex,
    values,
    nnz,
    bytes: rowPtr.byteLength + colIndex.byteLength + nnz * b,
    denseBytes: rows * cols * b,
  };
}
