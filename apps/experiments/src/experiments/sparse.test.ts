import { fit } from '@init/nn';
import { describe, expect, it } from 'vitest';
import { mnist } from '../data.ts';
import { applyMasks, weightMemory, zeroMasks } from '../sparse-masks.ts';
import { type SparseRun, sparseMlp, sparseSettings, sparseVerdict } from './sparse.ts';

const TINY = { ...sparseSettings(true), train: 300, test: 100, width: 32 };

describe('sparse', () => {
  it('both semantics start at the requested fraction of non-zero weights', () => {
    // torch: ceil(0.9 · 32) = 29 zeros in each of the 784 columns of layer 0 ([32, 784]), 3 non-zeros left.
    const torch = sparseMlp(TINY, 1, 'torch', 0.1);
    const w0 = torch.parameters().find((p) => p.name === '0.weight')?.value as Float32Array;
    for (let j = 0; j < 784; j++) {
      let nz = 0;
      for (let i = 0; i < 32; i++) if (w0[i * 784 + j] !== 0) nz++;
      expect(nz).toBe(3);
    }
    // martens: k = round(0.1 · fan_in) non-zeros per unit: 78 of 784, 3 of 32 (twice).
    const martens = sparseMlp(TINY, 1, 'martens', 0.1);
    expect(weightMemory(martens).nonZero).toBe(32 * 78 + 32 * 3 + 10 * 3);
    const dense = weightMemory(sparseMlp(TINY, 1));
    expect(dense.nonZero).toBe(dense.total);
    // CSR: 4·(rows + 1) + 8·nnz per matrix, twice the dense bytes when nothing is zero.
    expect(dense.csrBytes).toBe(4 * (33 + 33 + 11) + 8 * dense.total);
    expect(dense.denseBytes).toBe(4 * dense.total);
  });

  it('training fills in the zeros of a sparse start unless they are masked', async () => {
    const { train } = await mnist(TINY.train, TINY.test);
    const density = (mask: boolean) => {
      const model = sparseMlp(TINY, 2, 'martens', 0.05);
      const masks = zeroMasks(model);
      fit(model, train, {
        optimizer: { kind: 'adam', lr: 0.001 },
        epochs: 1,
        batchSize: 50,
        seed: 2,
        ...(mask ? { onStep: () => applyMasks(masks) } : {}),
      });
      const m = weightMemory(model);
      return m.nonZero / m.total;
    };
    const atInit = weightMemory(sparseMlp(TINY, 2, 'martens', 0.05));
    expect(density(true)).toBe(atInit.nonZero / atInit.total);
    // Unmasked, every weight whose input is ever non-zero moves: more than half become non-zero
    // (only the weights of pixels that are 0 in every training digit stay at 0).
    expect(density(false)).toBeGreaterThan(0.5);
  });

  it('the verdict needs accuracy within the tolerance and fewer CSR bytes than dense', () => {
    const run = (accuracy: number, csrBytesAfter: number) =>
      ({ accuracy, csrBytesAfter, denseBytes: 100 }) as SparseRun;
    const dense = [run(0.9, 200)];
    const cell = (mode: 'masked' | 'unmasked', accuracy: number, bytes: number) => ({
      semantics: 'torch' as const,
      mode,
      density: 0.1,
      runs: [run(accuracy, bytes)],
    });
    expect(sparseVerdict(dense, [cell('unmasked', 0.89, 150), cell('masked', 0.89, 30)], 0.02).verdict).toBe(
      'holds with caveats',
    );
    expect(sparseVerdict(dense, [cell('unmasked', 0.89, 90)], 0.02).verdict).toBe('holds');
    expect(sparseVerdict(dense, [cell('masked', 0.8, 30)], 0.02).verdict).toBe('does not hold');
  });
});
