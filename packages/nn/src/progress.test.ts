import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NnError } from './errors';
import { callbackProgress, formatProgress, type ProgressState, silentProgress } from './progress';

function thrown(f: () => unknown): NnError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(NnError);
    return error as NnError;
  }
  throw new Error('expected an NnError');
}

describe('callbackProgress', () => {
  it('computes rate, ETA and fraction from its clock and passes the run info through', () => {
    let now = 1000;
    const states: ProgressState[] = [];
    const sink = callbackProgress((s) => states.push(s), { clock: () => now });
    sink.start(100, { epochs: 2, label: 'mlp', ignored: true });
    now = 3000;
    sink.update(50, { epoch: 1, loss: 0.25, accuracy: 0.9 });
    expect(states.at(-1)).toEqual({
      done: 50,
      total: 100,
      fraction: 0.5,
      elapsed: 2,
      rate: 25,
      eta: 2,
      epochs: 2,
      label: 'mlp',
      epoch: 1,
      loss: 0.25,
      accuracy: 0.9,
    });
    expect(states[0]).toMatchObject({ done: 0, fraction: 0, rate: 0 });
    expect(states[0]?.eta).toBeUndefined();
    now = 5000;
    sink.stop();
    // stop reports the last step once more, with the time it took.
    expect(states.at(-1)).toMatchObject({ done: 50, elapsed: 4, loss: 0.25 });
    expect(states).toHaveLength(3);
  });

  it('throttles calls to one per interval but never drops the last step', () => {
    let now = 0;
    const done: number[] = [];
    const sink = callbackProgress((s) => done.push(s.done), { clock: () => now, interval: 100 });
    sink.start(10);
    for (let d = 1; d <= 10; d++) {
      now += 30;
      sink.update(d, {});
    }
    // Calls at t = 0 (start), 120, 240 and the final step 10 at t = 300.
    expect(done).toEqual([0, 4, 8, 10]);
  });

  it('shows a diverged loss instead of throwing', () => {
    const states: ProgressState[] = [];
    const sink = callbackProgress((s) => states.push(s), { clock: () => 0 });
    sink.start(2);
    sink.update(1, { loss: Number.NaN });
    expect(formatProgress(states.at(-1) as ProgressState)).toContain('loss NaN');
  });

  it('rejects protocol errors and bad options with NnError', () => {
    expect(thrown(() => callbackProgress('x' as never)).argument).toBe('callback');
    expect(thrown(() => callbackProgress(() => {}, { intervall: 3 } as never)).message).toMatch(
      /did you mean 'interval'/,
    );
    expect(thrown(() => callbackProgress(() => {}, { clock: 5 as never })).argument).toBe('clock');
    expect(thrown(() => callbackProgress(() => {}, { interval: -1 })).argument).toBe('interval');
    const sink = callbackProgress(() => {});
    expect(thrown(() => sink.update(1, {})).code).toBe('INVALID_STATE');
    expect(thrown(() => sink.start(-1)).argument).toBe('total');
    expect(thrown(() => sink.start(Number.NaN)).code).toBe('NOT_FINITE');
    sink.start(5);
    expect(thrown(() => sink.update(6, {})).argument).toBe('done');
    expect(thrown(() => sink.update('3' as never, {})).argument).toBe('done');
    sink.stop();
    sink.stop();
  });

  it('accepts any info objects and totals without throwing anything but NnError (property)', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.oneof(fc.double(), fc.nat(), fc.anything()),
        (startInfo, info, total) => {
          const sink = callbackProgress((s) => formatProgress(s), { clock: () => 0 });
          try {
            sink.start(total as number, startInfo as object);
            sink.update(0, info as never);
            sink.stop();
          } catch (error) {
            expect(error).toBeInstanceOf(NnError);
          }
        },
      ),
      { numRuns: 300, seed: 50 },
    );
  });
});

describe('formatProgress and silentProgress', () => {
  it('formats every known field and leaves out the unknown ones', () => {
    expect(
      formatProgress({
        done: 50,
        total: 100,
        fraction: 0.5,
        elapsed: 2,
        rate: 25,
        eta: 2,
        epoch: 1,
        epochs: 2,
        loss: 0.25,
        accuracy: 0.9,
      }),
    ).toBe('epoch 1/2  50/100 steps  loss 0.2500  acc 90.00%  25.0 steps/s  eta 2s');
    expect(formatProgress({ done: 0, total: 10, fraction: 0, elapsed: 0, rate: 0 })).toBe('0/10 steps');
    expect(
      formatProgress({
        done: 1,
        total: 9,
        fraction: 0,
        elapsed: 1,
        rate: 1,
        eta: 3725,
        unit: 'batches',
        label: 'cnn',
        epoch: 3,
      }),
    ).toBe('cnn  epoch 3  1/9 batches  1.0 batches/s  eta 1h02m');
    expect(thrown(() => formatProgress(null as never)).argument).toBe('state');
  });

  it('the silent sink does nothing', () => {
    const sink = silentProgress();
    expect(() => {
      sink.start(Number.NaN);
      sink.update(-1, {});
      sink.stop();
    }).not.toThrow();
  });
});
