import { gemmBackend, setGemmBackend } from '@init/linalg';
import { afterEach, describe, expect, it } from 'vitest';
import { CATALOG } from '../test/catalog';
import { fromConfig, listSchemes } from './registry';

/**
 * Shapes large enough that orthogonal schemes run the blocked GEMM (several 48-column blocks,
 * ragged edges) rather than its small-matrix path.
 */
const SHAPES: Record<string, number[]> = {
  delta_orthogonal: [100, 72, 3, 3],
  dirac: [8, 4, 3, 3],
  rnn_orthogonal: [4 * 60, 50],
  lstm_forget_bias: [64],
  chrono_bias: [64],
  ones: [300],
  orthogonal: [130, 97],
};

function run(name: string, dtype: 'float32' | 'float64'): Uint8Array {
  const { config } = CATALOG[name] as (typeof CATALOG)[string];
  const shape = SHAPES[name] ?? [101, 67];
  const data = fromConfig(config)(shape, `backends/${name}`, { dtype }).data;
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function differing(a: Uint8Array, b: Uint8Array): number {
  let n = a.length === b.length ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

// The project promises the same bits from the WebAssembly GEMM and its TypeScript fallback (used
// where WebAssembly is unavailable), so every scheme must give identical output on both.
describe('every scheme gives the same bits with the wasm and the js GEMM', () => {
  const initial = gemmBackend();
  afterEach(() => setGemmBackend(initial));

  for (const { name } of listSchemes()) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${name} ${dtype}`, () => {
        setGemmBackend('wasm');
        const wasm = run(name, dtype);
        setGemmBackend('js');
        const js = run(name, dtype);
        expect(differing(wasm, js), 'bytes that differ').toBe(0);
      });
    }
  }
});
