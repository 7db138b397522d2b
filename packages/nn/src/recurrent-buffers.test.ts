import { describe, expect, it } from 'vitest';
import { patternValues } from './gradient-check';
import { GRU } from './gru';
import { LSTM } from './lstm';
import type { RecurrentLayer } from './recurrent-layer';
import { SimpleRNN } from './rnn';

/** The layer's buffer cache, read for its element count. */
function cacheSize(layer: RecurrentLayer): number {
  return (layer as unknown as { cache: { size(): number } }).cache.size();
}

describe('recurrent layers allocate their buffers once per batch size', () => {
  for (const make of [
    () => new SimpleRNN({ hiddenSize: 5, returnSequences: true }),
    () => new LSTM({ hiddenSize: 5 }),
    () => new GRU({ hiddenSize: 5, returnSequences: true }),
  ]) {
    const layer = make();
    it(`${layer.kind}: the same arrays come back on every step of one batch size`, () => {
      layer.build([7, 3], 'rec');
      layer.parameters().forEach((p, k) => {
        p.value.set(patternValues(p.value.length, k));
      });
      const x = patternValues(4 * 7 * 3, 9);
      const y1 = layer.forward(x, 4, true);
      const dy = new Float32Array(y1.length).fill(0.1);
      const dx1 = layer.backward(dy, 4);
      const size = cacheSize(layer);
      const first = Float32Array.from(y1);
      for (let k = 0; k < 3; k++) {
        expect(layer.forward(x, 4, true)).toBe(y1);
        expect(layer.backward(dy, 4)).toBe(dx1);
      }
      expect(cacheSize(layer)).toBe(size);
      // Reused buffers hold no stale state: the same input gives the same output.
      expect(Array.from(layer.forward(x, 4, true))).toEqual(Array.from(first));
    });
  }
});
