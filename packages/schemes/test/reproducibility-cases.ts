import { gemmBackend, setGemmBackend } from '@init/linalg';
import { fromConfig, listSchemes } from '../src/index';
import { CATALOG } from './catalog';

/** Shapes large enough for the blocked GEMM of the orthogonal schemes (several blocks, ragged edges). */
const SHAPES: Record<string, number[]> = {
  delta_orthogonal: [100, 72, 3, 3],
  dirac: [8, 4, 3, 3],
  rnn_orthogonal: [4 * 60, 50],
  lstm_forget_bias: [64],
  chrono_bias: [64],
  ones: [300],
  orthogonal: [130, 97],
};

/** The shape every scheme is run on in the reproducibility tests. */
export function reproducibilityShape(name: string): number[] {
  return SHAPES[name] ?? [101, 67];
}

/** 64-bit FNV-1a of the bytes of a typed array, as 16 hex digits. */
function hashBytes(data: Float32Array | Float64Array): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let h = 0xcbf29ce484222325n;
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i < bytes.length; i++) {
    h ^= BigInt(bytes[i] as number);
    h = (h * 0x100000001b3n) & mask;
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * A hash of every registered scheme's output, per dtype and per GEMM backend, at fixed seeds: the
 * same object in Node and in a browser when the bits agree everywhere.
 */
export function reproducibilityHashes(): { backend: string; hashes: Record<string, string> } {
  const initial = gemmBackend();
  const hashes: Record<string, string> = {};
  try {
    for (const backend of ['wasm', 'js'] as const) {
      setGemmBackend(backend);
      for (const { name } of listSchemes()) {
        const { config } = CATALOG[name] as (typeof CATALOG)[string];
        for (const dtype of ['float32', 'float64'] as const) {
          const data = fromConfig(config)(reproducibilityShape(name), `reproducibility/${name}`, {
            dtype,
          }).data;
          hashes[`${name} ${dtype} ${backend}`] = hashBytes(data);
        }
      }
    }
  } finally {
    setGemmBackend(initial);
  }
  return { backend: initial, hashes };
}
