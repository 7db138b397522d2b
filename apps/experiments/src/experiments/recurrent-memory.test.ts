import { describe, expect, it } from 'vitest';
import type { RecurrentArch, RecurrentInit } from '../sequence-models.ts';
import { sequenceModel } from '../sequence-models.ts';
import { inputGradientProfile, taskData, taskShape } from '../sequence-training.ts';
import { memoryRun, memoryVerdict, recurrentMemorySettings } from './recurrent-memory.ts';

const QUICK = recurrentMemorySettings(true);

/** ‖∂L/∂x_t‖ / ‖∂L/∂x_T‖ 49 steps back at init, on the quick run's probe (T = 50, 64 sequences). */
function ratio49(arch: RecurrentArch, init: RecurrentInit, seed: number): number {
  const shape = taskShape('adding', QUICK.gradientLength);
  const hidden = arch === 'rnn' ? QUICK.rnnHidden : QUICK.lstmHidden;
  const model = sequenceModel({ arch, init, hidden, seed, ...shape });
  const data = taskData('adding', QUICK.gradientLength, QUICK.gradientBatch, seed, 'gradient-probe');
  return inputGradientProfile(model, data)[49] as number;
}

describe('recurrent-memory', () => {
  // Threshold from the quick run (seeds 1-3): the smallest 49-step ratio of an orthogonal or identity start
  // was 1.2e-4 (SimpleRNN, orthogonal, tanh), the largest of N(0, 0.01²) 1.6e-6 (LSTM; the SimpleRNN's is
  // 0, below float32). 1e-5 sits a decade under the first and six times above the second.
  it('orthogonal and identity W_hh carry the gradient 49 steps back at init; N(0, 0.01²) loses it', () => {
    for (const arch of ['rnn', 'lstm'] as const) {
      for (const seed of QUICK.seeds) {
        for (const init of ['orthogonal', 'identity'] as const) {
          expect(ratio49(arch, init, seed), `${arch} ${init} seed ${seed}`).toBeGreaterThan(1e-5);
        }
        expect(ratio49(arch, 'normal', seed), `${arch} normal seed ${seed}`).toBeLessThan(1e-5);
      }
    }
  });

  // Threshold: the experiment's own bar, test loss ≤ 0.5 × the baseline 1/6. In the quick run the IRNN's
  // ratio at T = 10 was 0.17-0.21 over seeds 1-3 and the N(0, 0.01²) tanh RNN's 0.87-0.94: both far from 0.5.
  it('an IRNN beats the adding baseline at T = 10 within 300 steps; a tanh RNN with N(0, 0.01²) W_hh does not', () => {
    for (const seed of QUICK.seeds) {
      expect(memoryRun('rnn', 'identity', 'adding', 10, seed, QUICK).beats, `identity seed ${seed}`).toBe(
        true,
      );
      expect(memoryRun('rnn', 'normal', 'adding', 10, seed, QUICK).beats, `normal seed ${seed}`).toBe(false);
    }
  });

  it('the verdict rule compares horizons per architecture', () => {
    const line = (arch: RecurrentArch, init: RecurrentInit, task: 'adding' | 'copy', horizon: number) => ({
      arch,
      init,
      task,
      cells: [],
      firstFailure: null,
      horizon,
    });
    const lines = (lstmOrthogonal: number) =>
      (['rnn', 'lstm'] as const).flatMap((arch) =>
        (['orthogonal', 'identity', 'normal', 'xavier'] as const).flatMap((init) => [
          line(
            arch,
            init,
            'adding',
            init === 'identity' ? 0 : init === 'orthogonal' ? (arch === 'lstm' ? lstmOrthogonal : 100) : 50,
          ),
          line(arch, init, 'copy', 0),
        ]),
      );
    expect(memoryVerdict(lines(100)).verdict).toBe('holds');
    expect(memoryVerdict(lines(50)).verdict).toBe('holds with caveats');
  });
});
