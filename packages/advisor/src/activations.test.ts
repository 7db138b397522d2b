import { describe, expect, it } from 'vitest';
import { listActivations, resolveActivation, SELU_ALPHA, SELU_LAMBDA } from './activations';
import { AdvisorError } from './errors';

describe('resolveActivation', () => {
  it('resolves every listed name, and their derivatives agree with central differences', () => {
    for (const name of listActivations()) {
      const act = resolveActivation(name);
      for (const x of [-3.1, -0.7, 0.4, 2.2]) {
        const h = 1e-6;
        const numeric = (act.fn(x + h) - act.fn(x - h)) / (2 * h);
        expect(Math.abs(act.derivative(x) - numeric), `${name} at ${x}`).toBeLessThan(1e-7);
      }
    }
  });
  it('accepts camelCase, kebab-case and aliases', () => {
    expect(resolveActivation('leakyRelu' as never).name).toBe('leaky_relu');
    expect(resolveActivation('Leaky-ReLU' as never).name).toBe('leaky_relu');
    expect(resolveActivation('swish').name).toBe('silu');
    expect(resolveActivation('identity').name).toBe('linear');
  });
  it('applies parameters', () => {
    expect(resolveActivation({ name: 'leaky_relu', slope: 0.2 }).fn(-1)).toBe(-0.2);
    expect(resolveActivation({ name: 'elu', alpha: 2 }).fn(-100)).toBe(-2);
    expect(resolveActivation('leaky_relu').param).toBe(0.01);
    expect(resolveActivation('selu').fn(-1000)).toBeCloseTo(-SELU_ALPHA * SELU_LAMBDA, 14);
  });
  it('rejects bad names and parameters with typed errors naming the argument', () => {
    const cases: [unknown, string, string][] = [
      ['relu7', 'UNSUPPORTED', 'activation'],
      [{ name: 'leaky_relu', slope: -1 }, 'INVALID_ARGUMENT', 'activation.slope'],
      [{ name: 'elu', alpha: 0 }, 'INVALID_ARGUMENT', 'activation.alpha'],
      // Beyond 1e6 the variance-preserving weight scale underflows float32 (He with slope 1e308 gave std 0).
      [{ name: 'leaky_relu', slope: 1e308 }, 'INVALID_ARGUMENT', 'activation.slope'],
      [{ name: 'elu', alpha: 2e6 }, 'INVALID_ARGUMENT', 'activation.alpha'],
      [{ name: 'relu', slope: 0.1 }, 'INVALID_ARGUMENT', 'activation.slope'],
      [{ name: 'nope' }, 'UNSUPPORTED', 'activation.name'],
      [{ fn: 'x => x' }, 'INVALID_ARGUMENT', 'activation.fn'],
      [{ fn: (x: number) => x, kinks: [Number.NaN] }, 'INVALID_ARGUMENT', 'activation.kinks'],
      [42, 'INVALID_ARGUMENT', 'activation'],
      [null, 'INVALID_ARGUMENT', 'activation'],
    ];
    for (const [input, code, argument] of cases) {
      try {
        resolveActivation(input as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AdvisorError);
        expect((e as AdvisorError).code).toBe(code);
        expect((e as AdvisorError).argument).toBe(argument);
      }
    }
  });
  it('uses central differences for a custom function without a derivative', () => {
    const act = resolveActivation({ fn: (x) => x * x * x });
    expect(act.derivative(2)).toBeCloseTo(12, 6);
    expect(act.label).toBe('custom');
  });
});
