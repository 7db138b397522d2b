import { describe } from './describe';
import { LinalgError } from './errors';
import { checkFiniteResult, finiteCopyInto, maxMagnitude } from './float-input';
import { gemmBackend } from './gemm';
import { closeArena, openArena, wasmWorkspaceBytes } from './gemm-kernel-wasm';
import {
  formQt,
  householderQr,
  QR_BLOCK,
  residentWorkspaceLength,
  type WorkAllocator,
} from './householder-blocked';
import { checkElementCount, zeros } from './limits';
import { type Dtype, dtypeOf, type Matrix } from './matrix';
import { checkMatrix } from './matrix-check';
import { readOptions } from './options';
import { F32_SAFE, F64_SAFE, scaleExponent, scaleInPlace2 } from './power-of-two';
import { transposeInto } from './transpose-copy';

/** Which factors {@link qr} returns. */
export type QrMode = 'reduced' | 'complete' | 'r';

/** Options of {@link qr}. */
export interface QrOptions {
  /**
   * `'reduced'` (default): `Q` is `m x k`, `R` is `k x n`, `k = min(m, n)`.
   * `'complete'`: `Q` is `m x m`, `R` is `m x n`. `'r'`: only `R` (`k x n`), `q` is undefined.
   */
  mode?: QrMode;
  /** Panel width of the blocked factorization. Default 64. Any positive integer gives the same result up to rounding. */
  blockSize?: number;
  /**
   * Working precision. `'float64'` (default): float64 throughout, for either input dtype.
   * `'float32'`: the trailing updates and Q run in float32 (as LAPACK's `sgeqrf`/`sorgqr`),
   * about 1.3 to 1.7 times faster (n = 256 to 2048); `max|QᵀQ − I|` is then a few 1e-7 to 1e-6 up to n = 2048
   * instead of float64 rounding.
   */
  precision?: Dtype;
}

/** Result of {@link qr}. */
export interface QrResult {
  /** Orthonormal columns (`QᵀQ = I`), same dtype as the input; undefined in mode `'r'`. */
  q: Matrix | undefined;
  /** Upper triangular (`R_ij = 0` for `i > j`), same dtype as the input. */
  r: Matrix;
}

const MODES: readonly QrMode[] = ['reduced', 'complete', 'r'];
const QR_KEYS = ['mode', 'blockSize', 'precision'] as const;

/** Largest WebAssembly arena (bytes) a factorization keeps its working matrix in. */
const ARENA_CAP = 128 * 2 ** 20;

/** Elements of a column-major working array of `cols` columns of length `m`, with the padding resident updates touch. */
const paddedLength = (m: number, cols: number): number => (cols + 4) * m + 8;

/**
 * Householder QR factorization `A = Q R`, blocked in compact-WY form so that almost all of the
 * work runs in {@link gemm}.
 *
 * ```math
 * A = Q R,\quad Q = H_0 H_1 \cdots H_{k-1},\quad H_j = I - \tau_j v_j v_j^\top,\quad k = \min(m, n)
 * ```
 *
 * Works for tall, square and wide matrices. Precision: by default everything runs in float64 (a
 * float32 input is widened once, and Q and R are rounded to float32 at the end), so a float32 Q
 * has `max|QᵀQ − I|` near float32 rounding (about 1e-7) at every size. With
 * `precision: 'float32'` the updates run in float32 like LAPACK's `sgeqrf`/`sorgqr` (1.3 to 1.7
 * times faster); each reflector's `τ` is recomputed from its stored float32 vector so that it
 * stays exactly orthogonal, which keeps `max|QᵀQ − I|` below 1e-6 up to n = 2048 (measured:
 * 3e-7 at 1024, 4e-7 at 2048). Rank-deficient input is fine: a column that is already zero
 * below the diagonal gets no reflector (`τ = 0`), never a NaN. R's diagonal may have either sign
 * (LAPACK's convention); multiply column `j` of Q and row `j` of R by `sign(R_jj)` for a unique
 * factorization (this is what Haar-random orthogonal initialization needs). A matrix of extreme
 * magnitude (largest entry outside `[2^-200, 2^200]`, `[2^-50, 2^50]` with float32 work: entries
 * near 1e308, subnormals) is factored as `2^e A` with its largest entry in `[1, 2)`, exactly, and
 * R is scaled back, so Q is that of A and R is finite whenever it is representable. The same
 * operations run on both GEMM back ends: the factors have the same bits with `'wasm'` and `'js'`.
 *
 * Algorithm and cost: panels of 64 columns are factored by recursive halving (8-column leaves
 * column by column), the compact-WY factor `T` comes from a Gram matrix, and the trailing matrix
 * and Q are updated with three {@link gemm} calls per panel. `2mn² − 2n³/3` flops for R and
 * `4mnk − 2(m+n)k² + 4k³/3` more for Q (`n x n`: `4n³/3 + 4n³/3`). Memory: one working copy of
 * A in the working precision (`m·n` numbers), reused in place for Q in `'reduced'` mode, plus
 * the outputs and `O(64·(m + n))` scratch: for `n x n` at most `3n² + O(n)` numbers including
 * Q and R. With the WebAssembly GEMM (the default) the working copy and scratch live in the
 * module's memory for the whole call, so the updates run in place without copying blocks; that
 * memory stays allocated for later calls (up to 128 MiB; larger factorizations use ordinary
 * arrays and copy blocks per GEMM instead).
 *
 * @param value - The matrix `a` (errors name it `a`): `m x n` matrix, any strides, float32 or float64. Zero-size input gives empty factors.
 * @param options - `mode` (default `'reduced'`), `blockSize` (default 64), `precision` (default `'float64'`).
 * @returns `{ q, r }` in the input's dtype.
 * @throws {LinalgError} `INVALID_ARGUMENT` for an unknown mode, precision, block size or option
 * key; `NOT_FINITE` when A holds NaN or ±Infinity, or when R cannot be represented in A's dtype;
 * `TOO_LARGE` (before allocating) when Q or a working copy would exceed 2^30 elements (a
 * `'complete'` Q of a very tall matrix).
 * @example
 * ```ts
 * const { q, r } = qr(fromArray([[3, 1], [4, 2]]));
 * toArray(r)[0][0]; // => -5
 * orthogonalityError(q!) < 1e-15; // => true
 * ```
 */
export function qr(value: Matrix, options?: QrOptions): QrResult {
  const a = checkMatrix(value, 'a');
  const o = readOptions(options, 'options', QR_KEYS);
  const mode = (o.mode ?? 'reduced') as QrMode;
  if (!MODES.includes(mode)) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'mode',
      `must be 'reduced', 'complete' or 'r', got ${describe(mode)}`,
    );
  }
  const nb = (o.blockSize ?? QR_BLOCK) as number;
  if (!Number.isSafeInteger(nb) || nb < 1) {
    throw new LinalgError('INVALID_ARGUMENT', 'blockSize', `must be a positive integer, got ${describe(nb)}`);
  }
  const precision = (o.precision ?? 'float64') as Dtype;
  if (precision !== 'float64' && precision !== 'float32') {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      'precision',
      `must be 'float64' or 'float32', got ${describe(precision)}`,
    );
  }
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const panel = Math.min(nb, Math.max(1, k));
  const qCols = mode === 'complete' ? m : k;
  if (mode !== 'r') checkElementCount(m * qCols, 'a', `Q (${m} x ${qCols})`);
  const separateQt = mode !== 'r' && qCols > n;
  // With the wasm GEMM, the working matrix and scratch live in module memory for the whole call
  // (updated in place, no copies per GEMM); otherwise in ordinary typed arrays.
  let resident: WorkAllocator | undefined;
  if (m > 0 && n > 0 && gemmBackend() === 'wasm') {
    const f32 = precision === 'float32';
    const elements =
      paddedLength(m, n) +
      (separateQt ? paddedLength(m, qCols) : 0) +
      residentWorkspaceLength(panel, m, n) +
      (mode === 'r' ? 0 : residentWorkspaceLength(panel, m, qCols)) +
      64;
    const bytes = elements * (f32 ? 4 : 8);
    const headroom = Math.max(wasmWorkspaceBytes(panel, panel, m), wasmWorkspaceBytes(panel, m, panel));
    const arena = bytes + headroom <= ARENA_CAP ? openArena(bytes, headroom) : null;
    if (arena !== null) resident = (length) => arena.alloc(length, f32);
  }
  try {
    return factor(a, mode, precision, panel, resident);
  } finally {
    if (resident !== undefined) closeArena();
  }
}

function factor(
  a: Matrix,
  mode: QrMode,
  precision: Dtype,
  panel: number,
  resident: WorkAllocator | undefined,
): QrResult {
  const { rows: m, cols: n } = a;
  const dtype = dtypeOf(a);
  const k = Math.min(m, n);
  // Column-major working copy: column j of A at w[j*m ..].
  const w =
    resident === undefined
      ? zeros(m * n, precision === 'float32', 'a', 'the working copy of A')
      : resident(paddedLength(m, n));
  // Matrices of extreme magnitude are factored as 2^e A (exact), and R is scaled back: Q is the same.
  const [lo, hi] = precision === 'float32' ? F32_SAFE : F64_SAFE;
  const e = scaleExponent(maxMagnitude(a), lo, hi);
  finiteCopyInto(a, 'a', true, w, e);
  const tau = householderQr(w, m, n, panel, resident);

  const rRows = mode === 'complete' ? m : k;
  const rData = zeros(rRows * n, dtype === 'float32', 'a', 'R');
  // R_ij = w[j*m + i] for i <= j, in tiles of 32 columns so the row-major writes stay in cache.
  for (let j0 = 0; j0 < n; j0 += 32) {
    const j1 = Math.min(n, j0 + 32);
    const iEnd = Math.min(j1, rRows);
    for (let i = 0; i < iEnd; i++) {
      const row = i * n;
      for (let j = Math.max(j0, i); j < j1; j++) rData[row + j] = w[j * m + i] as number;
    }
  }
  scaleInPlace2(rData, 0, rData.length, -e);
  checkFiniteResult(rData, 0, rData.length, 'a', 'R');
  const r: Matrix = { data: rData, rows: rRows, cols: n, offset: 0, rowStride: n, colStride: 1 };
  if (mode === 'r') return { q: undefined, r };

  const qCols = mode === 'complete' ? m : k;
  // Qᵀ is built row by row (qCols x m); it reuses w unless it has more rows than A has columns.
  const qt =
    qCols <= n
      ? w
      : resident === undefined
        ? zeros(qCols * m, precision === 'float32', 'a', 'Q')
        : resident(paddedLength(m, qCols));
  formQt(w, m, k, tau, panel, qt, qCols, resident);
  const qData = zeros(m * qCols, dtype === 'float32', 'a', 'Q');
  transposeInto(qt, qCols, m, qData);
  return { q: { data: qData, rows: m, cols: qCols, offset: 0, rowStride: qCols, colStride: 1 }, r };
}
