import { describe, expect, it } from 'vitest';
import { NnError } from './errors';
import { terminalProgress } from './progress-terminal';

/** A stand-in terminal that records what is written to it. */
function fakeStream(isTTY: boolean): {
  chunks: string[];
  write(chunk: string): boolean;
  isTTY: boolean;
  columns: number;
} {
  const chunks: string[] = [];
  return {
    chunks,
    isTTY,
    columns: 120,
    write(chunk: string) {
      chunks.push(String(chunk));
      return true;
    },
  };
}

describe('terminalProgress', () => {
  it('draws a bar with epoch, loss and accuracy on a TTY', () => {
    const stream = fakeStream(true);
    const sink = terminalProgress({ stream, interval: 0, barSize: 10 });
    sink.start(4, { epochs: 2 });
    sink.update(2, { epoch: 1, loss: 0.5, accuracy: 0.75 });
    sink.update(4, { epoch: 2, loss: 0.25, accuracy: 0.875 });
    sink.stop();
    const text = stream.chunks.join('');
    expect(text).toContain('epoch 2/2');
    expect(text).toContain('4/4 steps');
    expect(text).toContain('loss 0.2500');
    expect(text).toContain('acc 87.50%');
    expect(text).toContain('█'.repeat(10));
  });

  it('stays silent when the stream is not a TTY, or when asked', () => {
    for (const sink of [
      terminalProgress({ stream: fakeStream(false) }),
      terminalProgress({ stream: fakeStream(true), silent: true }),
    ]) {
      sink.start(3);
      sink.update(3, { loss: 1 });
      sink.stop();
    }
    const piped = fakeStream(false);
    const quiet = fakeStream(true);
    terminalProgress({ stream: piped }).start(1);
    terminalProgress({ stream: quiet, silent: true }).start(1);
    expect(piped.chunks).toEqual([]);
    expect(quiet.chunks).toEqual([]);
  });

  it('rejects bad options with NnError', () => {
    const cases: Array<[unknown, string]> = [
      [{ stream: 5 }, 'stream'],
      [{ silent: 'yes' }, 'silent'],
      [{ barSize: -1 }, 'barSize'],
      [{ interval: Number.NaN }, 'interval'],
      [{ silnet: true }, 'silnet'],
      [null, 'options'],
    ];
    for (const [options, argument] of cases) {
      try {
        terminalProgress(options as never);
        throw new Error('expected an NnError');
      } catch (error) {
        expect(error).toBeInstanceOf(NnError);
        expect((error as NnError).argument).toBe(argument);
      }
    }
  });
});
