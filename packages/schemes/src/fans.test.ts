import { describe, expect, it } from 'vitest';
import fixture from '../test/fixtures/fans.json';
import { InitError } from './errors';
import { computeFans } from './fans';

type FanCase = { shape: number[]; fanIn?: number; fanOut?: number; error?: string };

describe('computeFans parity', () => {
  it('matches torch.nn.init._calculate_fan_in_and_fan_out on every fixture shape (torch layout)', () => {
    for (const c of fixture.data.torch as FanCase[]) {
      if (c.error !== undefined) {
        expect(() => computeFans(c.shape)).toThrow(InitError);
        try {
          computeFans(c.shape);
        } catch (e) {
          expect((e as InitError).code).toBe('SHAPE_MISMATCH');
        }
      } else {
        const f = computeFans(c.shape);
        expect([f.fanIn, f.fanOut], JSON.stringify(c.shape)).toEqual([c.fanIn, c.fanOut]);
      }
    }
  });

  it('matches Keras compute_fans on the same kernels in Keras layout, including rank 0 and 1', () => {
    for (const c of fixture.data.keras as FanCase[]) {
      const f = computeFans(c.shape, 'keras');
      expect([f.fanIn, f.fanOut], JSON.stringify(c.shape)).toEqual([c.fanIn, c.fanOut]);
      expect(computeFans(c.shape, 'tf')).toEqual(f);
    }
  });

  it('torch and keras layouts of the same kernel agree', () => {
    const torch = fixture.data.torch as FanCase[];
    const keras = fixture.data.keras as FanCase[];
    torch.forEach((t, i) => {
      if (t.error === undefined) expect([t.fanIn, t.fanOut]).toEqual([keras[i]?.fanIn, keras[i]?.fanOut]);
    });
  });

  it('matches the JAX rule for explicit axes (batch axes excluded from the receptive field)', () => {
    for (const c of fixture.data.jax as (FanCase & {
      inAxis: number | number[];
      outAxis: number | number[];
      batchAxes: number[];
    })[]) {
      const f = computeFans(c.shape, { inAxis: c.inAxis, outAxis: c.outAxis, batchAxes: c.batchAxes });
      expect([f.fanIn, f.fanOut], JSON.stringify(c)).toEqual([c.fanIn, c.fanOut]);
    }
  });

  it('transposed conv swaps the roles of dims 0 and 1', () => {
    expect(computeFans([16, 32, 4, 4], 'torch_transposed')).toEqual({
      fanIn: 256,
      fanOut: 512,
      receptiveField: 16,
    });
    expect(computeFans([16, 32, 4, 4], { transposed: true })).toEqual({
      fanIn: 256,
      fanOut: 512,
      receptiveField: 16,
    });
    expect(computeFans([16, 32, 4, 4])).toEqual({ fanIn: 512, fanOut: 256, receptiveField: 16 });
  });

  it('rejects bad shapes and layouts with typed errors', () => {
    const cases: [() => unknown, string, string][] = [
      [() => computeFans([3, -1]), 'INVALID_ARGUMENT', 'shape'],
      [() => computeFans([3, 1.5]), 'INVALID_ARGUMENT', 'shape'],
      [() => computeFans([3, Number.NaN]), 'INVALID_ARGUMENT', 'shape'],
      [() => computeFans('3x3' as unknown as number[]), 'INVALID_ARGUMENT', 'shape'],
      [() => computeFans([3, 3], 'nchw' as 'torch'), 'INVALID_ARGUMENT', 'layout'],
      [() => computeFans([3, 3], { inAxis: 0, outAxis: 0 }), 'INVALID_ARGUMENT', 'layout'],
      [() => computeFans([3, 3], { inAxis: 0, outAxis: 5 }), 'SHAPE_MISMATCH', 'layout'],
      [() => computeFans([3]), 'SHAPE_MISMATCH', 'shape'],
    ];
    for (const [fn, code, argument] of cases) {
      try {
        fn();
        expect.unreachable('should throw');
      } catch (e) {
        expect(e).toBeInstanceOf(InitError);
        expect([(e as InitError).code, (e as InitError).argument]).toEqual([code, argument]);
      }
    }
  });
});
