import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { advisorExample, linalgExample, nnExample, rngExample, schemesExample } from './first-steps';

describe('getting-started examples', () => {
  it('rng: named forks give the same bits again', () => {
    const { draws, sameBits } = rngExample();
    expect(draws).toHaveLength(4);
    expect(sameBits).toBe(true);
  });

  it('linalg: QR gives orthonormal columns and an upper-triangular R', () => {
    const { qError, r } = linalgExample();
    expect(qError).toBeLessThan(1e-12);
    expect(r[1]?.[0]).toBe(0);
    expect(Math.abs(r[0]?.[0] ?? 0)).toBeCloseTo(Math.sqrt(5), 12);
  });

  it('schemes: He normal has std sqrt(2/784) and configs accept PyTorch names', () => {
    const out = schemesExample();
    expect(out.length).toBe(256 * 784);
    expect(out.dtype).toBe('float32');
    expect(out.std).toBeCloseTo(Math.sqrt(2 / 784), 15);
    expect(out.qShape).toEqual([64, 64]);
    expect(out.sameName).toBe('he_normal');
  });

  it('advisor: He for a deep ReLU CNN, and the GELU gain', () => {
    const out = advisorExample();
    expect(out.scheme).toEqual({ name: 'he_normal', mode: 'fan_in', nonlinearity: 'relu' });
    expect(out.rules).toContain('relu-he');
    expect(out.geluGain).toBeCloseTo(1.5335304411955353, 12);
  });

  it('nn: a seeded tanh MLP learns XOR', () => {
    const out = nnExample();
    expect(out.status).toBe('completed');
    expect(out.accuracy).toBeGreaterThan(0.95);
  });

  it('the CommonJS example runs with require() against the built packages', () => {
    const file = fileURLToPath(new URL('./commonjs.cjs', import.meta.url));
    expect(execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim()).toBe('128x64 xavier_uniform');
  });
});
