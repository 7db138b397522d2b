import { createRng } from '@init/rng';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkGenerator, fromConfig, InitError, type SchemeConfig } from './index';

const CONFIGS: SchemeConfig[] = [
  { name: 'normal', std: 0.02 },
  { name: 'normal', mean: 1, std: 0 },
  { name: 'he_uniform' },
  { name: 'xavier_normal', gain: 2 },
  { name: 'lecun_normal', multiplier: 0.5 },
  { name: 'truncated_normal', std: 0.02, a: -0.04, b: 0.04 },
  { name: 'uniform', a: -0.1, b: 0.3 },
  { name: 'variance_scaling', scale: 2, mode: 'fan_avg', distribution: 'uniform' },
  { name: 'zeros' },
  { name: 'constant', value: 0.25 },
  { name: 'orthogonal' },
  { name: 'identity' },
];

describe('chunkGenerator', () => {
  it('chunks of any size equal the same slice of the whole tensor, bit for bit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CONFIGS),
        fc.constantFrom<'float32' | 'float64'>('float32', 'float64'),
        fc.integer({ min: 1, max: 37 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }),
        (config, dtype, rows, cuts) => {
          const shape = [rows, 24];
          const whole = fromConfig(config)(shape, createRng(5).fork('p'), { dtype }).data;
          const gen = chunkGenerator(config, shape, createRng(5).fork('p'), { dtype });
          const Type = dtype === 'float32' ? Float32Array : Float64Array;
          let start = 0;
          let k = 0;
          while (start < whole.length) {
            const n = Math.min(cuts[k++ % cuts.length] as number, whole.length - start);
            const part = gen.fill(new Type(n), start);
            for (let i = 0; i < n; i++) if (!Object.is(part[i], whole[start + i])) return false;
            start += n;
          }
          return true;
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });

  it('plans elementwise schemes per element and generates the others whole', () => {
    const rng = createRng(1);
    expect(chunkGenerator({ name: 'normal', std: 0.02 }, [4, 4], rng).plan).toEqual({
      kind: 'rng',
      method: 'fillNormal',
      args: [0, 0.02],
    });
    expect(chunkGenerator({ name: 'ones' }, [3]).plan).toEqual({ kind: 'constant', value: 1 });
    expect(chunkGenerator({ name: 'orthogonal' }, [4, 4], rng).plan).toEqual({ kind: 'whole' });
    expect(chunkGenerator({ name: 'normal' }, [4], createRng(1, { algorithm: 'xoshiro128**' })).plan).toEqual(
      {
        kind: 'whole',
      },
    );
  });

  it('never advances the stream it is given', () => {
    const rng = createRng(3);
    chunkGenerator({ name: 'normal' }, [10], rng).fill(new Float32Array(5), 5);
    expect(rng.getState().position).toBe(0);
  });

  it('rejects bad input with InitError naming the argument', () => {
    const gen = chunkGenerator({ name: 'normal' }, [10], createRng(1));
    const cases: [() => unknown, string][] = [
      [() => gen.fill(new Float32Array(5), 6), 'start'],
      [() => gen.fill(new Float32Array(1), -1), 'start'],
      [() => gen.fill(new Float32Array(1), 0.5), 'start'],
      [() => gen.fill(new Float64Array(1), 0), 'out'],
      [() => chunkGenerator({ name: 'normal' }, [10]), 'rng'],
      [() => chunkGenerator({ name: 'nope' }, [10]), 'name'],
      [() => chunkGenerator({ name: 'orthogonal' }, [10], createRng(1)), 'shape'],
      [() => chunkGenerator({ name: 'normal' }, [-1], createRng(1)), 'shape'],
      [() => chunkGenerator({ name: 'normal' }, [1], createRng(1), { dtype: 'int8' as 'float32' }), 'dtype'],
    ];
    for (const [run, argument] of cases) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(error, argument).toBeInstanceOf(InitError);
      expect((error as InitError).argument).toBe(argument);
    }
  });
});
