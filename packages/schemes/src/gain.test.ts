import { describe, expect, it } from 'vitest';
import fixture from '../test/fixtures/gains.json';
import { InitError } from './errors';
import { calculateGain } from './gain';

describe('calculateGain', () => {
  it('equals torch.nn.init.calculate_gain bit for bit', () => {
    for (const c of fixture.data) {
      expect(calculateGain(c.nonlinearity, c.param), JSON.stringify(c)).toBe(c.gain);
    }
  });

  it('accepts camelCase names', () => {
    expect(calculateGain('leakyRelu', 0.2)).toBe(calculateGain('leaky_relu', 0.2));
    expect(calculateGain('convTranspose2d')).toBe(1);
  });

  it('rejects unknown names and bad slopes with typed errors', () => {
    for (const [fn, code, argument] of [
      [() => calculateGain('swish'), 'INVALID_ARGUMENT', 'nonlinearity'],
      [() => calculateGain('leaky_relu', Number.NaN), 'NOT_FINITE', 'param'],
      [() => calculateGain('leaky_relu', true as unknown as number), 'INVALID_ARGUMENT', 'param'],
    ] as const) {
      try {
        fn();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InitError);
        expect([(e as InitError).code, (e as InitError).argument]).toEqual([code, argument]);
        expect((e as InitError).message).toMatch(/relu|finite/);
      }
    }
  });
});
