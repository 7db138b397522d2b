import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breach, breachAsync, FUZZ, hostile, hostileNumber } from '../test/contract-harness';
import { RngError } from './errors';

/**
 * The contract checks of the fuzz suites must be able to fail. These tests feed them functions that behave as
 * the package did before the contract was enforced, and expect fast-check to find a breach.
 */
describe('the contract harness catches breaches', () => {
  it('accepts returns of finite values and typed errors', () => {
    expect(breach(() => 1)).toBeUndefined();
    expect(breach(() => new Float32Array([1, -0]))).toBeUndefined();
    expect(
      breach(() => {
        throw new RngError('INVALID_ARGUMENT', 'x', 'bad');
      }),
    ).toBeUndefined();
  });
  it('flags raw errors, non-finite outputs and slow calls', async () => {
    expect(
      breach(() => {
        throw new TypeError('Cannot convert object to primitive value');
      }),
    ).toMatch(/TypeError/);
    expect(breach(() => Number.POSITIVE_INFINITY)).toMatch(/Infinity/);
    expect(breach(() => new Float64Array([0, Number.NaN]))).toMatch(/NaN at index 1/);
    const busy = () => {
      const end = performance.now() + 30;
      while (performance.now() < end) {
        // spin
      }
      return 0;
    };
    expect(breach(busy, 10)).toMatch(/took/);
    expect(await breachAsync(async () => Number.NaN)).toMatch(/NaN/);
  });
  it('finds the former message formatting of setFillBackend (String of a prototype-less object)', () => {
    const former = (backend: unknown) => {
      if (backend !== 'wasm' && backend !== 'ts' && backend !== undefined) {
        throw new RngError(
          'INVALID_ARGUMENT',
          'backend',
          `expected 'wasm', 'ts' or undefined, got ${String(backend)}`,
        );
      }
    };
    const result = fc.check(
      fc.property(hostile, (b) => breach(() => former(b)) === undefined),
      FUZZ,
    );
    expect(result.failed).toBe(true);
  });
  it('finds the former normal draw that overflowed to Infinity for finite mean and std', () => {
    const former = (mean: number, std: number) => {
      if (!Number.isFinite(mean) || !Number.isFinite(std) || std < 0)
        throw new RngError('NOT_FINITE', 'mean', 'x');
      return mean + std * 3.2; // a tail draw
    };
    const result = fc.check(
      fc.property(hostileNumber, hostileNumber, (m, s) => breach(() => former(m, s)) === undefined),
      FUZZ,
    );
    expect(result.failed).toBe(true);
  });
});
