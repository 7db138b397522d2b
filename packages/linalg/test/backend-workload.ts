import {
  applyBlockReflectors,
  type Dtype,
  gemm,
  gemmBackend,
  type Matrix,
  matrix,
  qr,
  setGemmBackend,
  svd,
} from '../src/index';

/**
 * Deterministic matrix from an integer generator only (no Math.log or Math.cos), so that Node and
 * every browser build exactly the same input bits.
 */
function lcgMatrix(rows: number, cols: number, seed: number, dtype: Dtype): Matrix {
  let s = (seed * 2654435761 + 1) >>> 0;
  const m = matrix(rows, cols, { dtype });
  for (let i = 0; i < m.data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    m.data[i] = s / 2 ** 31 - 1;
  }
  return m;
}

/** FNV-1a over the bytes of the entries of `m` (row by row). */
function hash(m: Matrix | Float64Array | undefined): string {
  if (m === undefined) return 'none';
  const data = m instanceof Float64Array ? m : m.data;
  const rows = m instanceof Float64Array ? 1 : m.rows;
  const cols = m instanceof Float64Array ? m.length : m.cols;
  const cell = data instanceof Float32Array ? new Float32Array(1) : new Float64Array(1);
  const bytes = new Uint8Array(cell.buffer);
  let h = 0x811c9dc5;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      cell[0] =
        m instanceof Float64Array
          ? (data[j] as number)
          : (data[m.offset + i * m.rowStride + j * m.colStride] as number);
      for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, '0');
}

/** Hashes of GEMM, QR (both working precisions) and SVD results on the current back end. */
export function backendWorkload(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dtype of ['float32', 'float64'] as const) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        const [m, n, k] = [67, 45, 300];
        const a = transA ? lcgMatrix(k, m, 1, dtype) : lcgMatrix(m, k, 1, dtype);
        const b = transB ? lcgMatrix(n, k, 2, dtype) : lcgMatrix(k, n, 2, dtype);
        const c = lcgMatrix(m, n, 3, dtype);
        out[`gemm ${dtype} ${transA} ${transB}`] = hash(gemm(0.1, a, b, 0.3, c, { transA, transB }));
      }
    }
    // Two blocks of reflectors (any values: the bits are what is compared) on rows 0.. and 20.. of a 70 x 33 matrix.
    for (const transpose of [false, true]) {
      const blocks = [
        { start: 0, v: lcgMatrix(70, 20, 6, dtype), t: lcgMatrix(20, 20, 7, dtype) },
        { start: 20, v: lcgMatrix(50, 13, 8, dtype), t: lcgMatrix(13, 13, 9, dtype) },
      ];
      out[`applyBlockReflectors ${dtype} ${transpose}`] = hash(
        applyBlockReflectors(blocks, lcgMatrix(70, 33, 10, dtype), { transpose }),
      );
    }
    const a = lcgMatrix(64, 64, 4, dtype);
    for (const precision of ['float32', 'float64'] as const) {
      const f = qr(a, { precision });
      out[`qr ${dtype} ${precision} q`] = hash(f.q);
      out[`qr ${dtype} ${precision} r`] = hash(f.r);
    }
  }
  const s = svd(lcgMatrix(90, 40, 5, 'float64'));
  out['svd s'] = hash(s.s);
  out['svd u'] = hash(s.u);
  out['svd v'] = hash(s.v);
  return out;
}

/** {@link backendWorkload} on each back end this runtime can run, keyed by back-end name. */
export function workloadOnEveryBackend(): Record<string, Record<string, string>> {
  const initial = gemmBackend();
  const out: Record<string, Record<string, string>> = { default: { backend: initial } };
  for (const backend of ['wasm', 'js'] as const) {
    try {
      setGemmBackend(backend);
    } catch {
      continue;
    }
    out[backend] = backendWorkload();
  }
  setGemmBackend(initial);
  return out;
}
