import { describe, expect, it } from 'vitest';
import fixture from '../test/fixtures/gains.json';
import type { ActivationInput } from './activations';
import { AdvisorError } from './errors';
import { activationMoments, varianceGain } from './variance-gain';

/** Fixture labels map to activation inputs. */
const INPUTS: Record<string, ActivationInput> = {
  relu: 'relu',
  'leaky_relu(slope=0.2)': { name: 'leaky_relu', slope: 0.2 },
  'elu(alpha=1)': 'elu',
  selu: 'selu',
  gelu: 'gelu',
  silu: 'silu',
  mish: 'mish',
  softplus: 'softplus',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  linear: 'linear',
};

describe('varianceGain', () => {
  it('reproduces the published values to 1e-5 as printed', () => {
    const known: [ActivationInput, number][] = [
      ['relu', Math.SQRT2],
      ['tanh', 1.59254],
      ['sigmoid', 1.84623],
      ['gelu', 1.53353],
      ['silu', 1.67653],
      ['elu', 1.2452],
      ['selu', 1],
    ];
    for (const [act, value] of known) expect(Math.abs(varianceGain(act) - value)).toBeLessThan(1e-5);
    expect(Math.abs(varianceGain('relu', { centered: true }) - 1.71286)).toBeLessThan(1e-5);
    expect(Math.abs(varianceGain('sigmoid', { centered: true }) - 4.80131)).toBeLessThan(1e-5);
  });

  it('matches the mpmath fixture to 1e-9 (gains and moments at q = 0.25, 1, 4)', () => {
    expect(fixture.rows.length).toBe(Object.keys(INPUTS).length * 3);
    for (const row of fixture.rows) {
      const input = INPUTS[row.activation];
      expect(input, row.activation).toBeDefined();
      const m = activationMoments(input!, row.q);
      expect(Math.abs(m.mean - Number(row.mean)), `${row.activation} mean q=${row.q}`).toBeLessThan(1e-9);
      expect(Math.abs(m.secondMoment - Number(row.secondMoment))).toBeLessThan(1e-9);
      expect(Math.abs(m.variance - Number(row.variance))).toBeLessThan(1e-9);
      expect(Math.abs(m.slopeSecondMoment - Number(row.slopeSecondMoment))).toBeLessThan(1e-9);
      if (row.gain !== undefined) {
        expect(Math.abs(varianceGain(input!) - Number(row.gain)), row.activation).toBeLessThan(1e-9);
        expect(Math.abs(varianceGain(input!, { centered: true }) - Number(row.centeredGain))).toBeLessThan(
          1e-9,
        );
      }
    }
  });

  it('gives PyTorch leaky_relu gain sqrt(2 / (1 + a^2)) and treats swish as silu', () => {
    for (const slope of [0, 0.01, 0.2, 1]) {
      expect(varianceGain({ name: 'leaky_relu', slope })).toBeCloseTo(Math.sqrt(2 / (1 + slope * slope)), 12);
    }
    expect(varianceGain('swish')).toBe(varianceGain('silu'));
  });

  it('integrates a custom kinked function when told where the kink is', () => {
    const relu6 = { name: 'relu6', fn: (x: number) => Math.min(Math.max(x, 0), 6), kinks: [0, 6] };
    // relu6 clips only 1e-9 of the mass at 6, so the gain is sqrt 2 to ~1e-8.
    expect(Math.abs(varianceGain(relu6) - Math.SQRT2)).toBeLessThan(1e-7);
    const shiftedRelu = { fn: (x: number) => Math.max(x - 0.7, 0), kinks: [0.7] };
    expect(Math.abs(varianceGain(shiftedRelu) - 1 / Math.sqrt(0.14194808845564591))).toBeLessThan(1e-12);
  });

  it('rejects constant, non-finite and unknown activations with typed errors', () => {
    expect(() => varianceGain({ fn: () => 0 })).toThrow(AdvisorError);
    expect(() => varianceGain({ fn: (x) => 1 / (x - x) })).toThrow(/non-finite/);
    try {
      varianceGain('relu7' as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AdvisorError);
      expect((e as AdvisorError).code).toBe('UNSUPPORTED');
      expect((e as AdvisorError).message).toMatch(/allowed: relu/);
    }
  });
});

describe('varianceGain and activationMoments on hostile input', () => {
  it('rejects misspelled keys with a suggestion, null options and huge q with typed errors', () => {
    const cases: [() => unknown, string, string, RegExp?][] = [
      [
        () => varianceGain({ name: 'leaky_relu', slop: 0.5 } as never),
        'INVALID_ARGUMENT',
        'activation.slop',
        /did you mean 'slope'/,
      ],
      [
        () => varianceGain('relu', { centred: true } as never),
        'INVALID_ARGUMENT',
        'centred',
        /did you mean 'centered'/,
      ],
      [() => varianceGain('relu', null as never), 'INVALID_ARGUMENT', 'options'],
      [() => varianceGain('relu', { centered: 'yes' } as never), 'INVALID_ARGUMENT', 'centered'],
      [
        () => varianceGain({ fn: (x: number) => x, kinsk: [0] } as never),
        'INVALID_ARGUMENT',
        'activation.kinsk',
        /did you mean 'kinks'/,
      ],
      [() => varianceGain({ fn: () => 'x' } as never), 'NOT_FINITE', 'activation'],
      [() => varianceGain(Object.create(null)), 'INVALID_ARGUMENT', 'activation.name'],
      [() => activationMoments('relu', 1e308), 'NOT_FINITE', 'q'],
      [() => activationMoments('relu', 1n as never), 'INVALID_ARGUMENT', 'q', /BigInt/],
    ];
    for (const [call, code, argument, message] of cases) {
      try {
        call();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AdvisorError);
        expect((e as AdvisorError).code).toBe(code);
        expect((e as AdvisorError).argument).toBe(argument);
        if (message) expect((e as AdvisorError).message).toMatch(message);
      }
    }
  });
});
