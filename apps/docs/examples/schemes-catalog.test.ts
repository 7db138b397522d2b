import { describe, expect, it } from 'vitest';
import * as ex from './schemes-catalog';

describe('scheme page examples', () => {
  it('zeros, ones, constant', () => {
    const out = ex.zerosExample();
    expect(out.bias).toEqual([0, 0, 0, 0]);
    expect(out.gamma).toEqual([1, 1, 1, 1]);
    expect(out.fixed[0]).toBeCloseTo(0.1, 7);
  });

  it('random: ranges, stds and absolute truncation', () => {
    const out = ex.randomExample();
    expect(out.uMaxAbs).toBeLessThanOrEqual(0.05);
    expect(out.nStd).toBeCloseTo(0.02, 3);
    expect(out.tMaxAbs).toBeLessThanOrEqual(0.04);
    expect(out.smallStd).toBeGreaterThan(0.008);
    expect(out.smallStd).toBeLessThan(0.012);
  });

  it('xavier: bound with the tanh gain, normal std, Keras config', () => {
    const out = ex.xavierExample();
    expect(out.bound).toBeCloseTo((5 / 3) * Math.sqrt(6 / 300), 12);
    expect(out.std).toBeCloseTo(Math.sqrt(2 / 300), 12);
    expect(out.keras).toBe('variance_scaling');
  });

  it('he: conv fans, the PyTorch default bound 1/sqrt(fan_in), corrected truncation', () => {
    const out = ex.heExample();
    expect(out.fans).toEqual({ fanIn: 288, fanOut: 576, receptiveField: 9 });
    expect(out.torchBound).toBeCloseTo(1 / Math.sqrt(288), 12);
    expect(out.resnetStd).toBeCloseTo(Math.sqrt(2 / 576), 12);
    expect(out.kerasStd).toBeCloseTo(Math.sqrt(2 / 288) / 0.87962566103423978, 12);
  });

  it('lecun: variance 1/fan_in', () => {
    const out = ex.lecunExample();
    expect(out.variance).toBeGreaterThan(0.9 / 256);
    expect(out.variance).toBeLessThan(1.1 / 256);
    expect(out.flaxStd).toBeCloseTo(Math.sqrt(1 / 256) / 0.87962566103423978, 12);
  });

  it('variance scaling: geometric-mean fan and the Keras uniform bound', () => {
    const out = ex.varianceScalingExample();
    expect(out.geoStd).toBeCloseTo(1 / Math.sqrt(200), 12);
    expect(out.kerasBound).toBeCloseTo(0.34641016151377546, 12);
  });

  it('orthogonal: orthonormal rows', () => {
    const out = ex.orthogonalExample();
    expect(Math.abs(out.rowDot)).toBeLessThan(1e-5);
    expect(out.wideRowNorm).toBeCloseTo(1, 5);
  });

  it('delta-orthogonal: only the centre taps are non-zero', () => {
    expect(ex.deltaOrthogonalExample()).toEqual({ nonZero: 64 * 64, total: 64 * 64 * 9 });
  });

  it('identity, dirac and ZerO', () => {
    const out = ex.identityExample();
    expect(out.eye).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(out.conv).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(out.hadamard).toEqual([0.5, 0.5, 0.5, -0.5, 0.5, 0.5, 0.5, -0.5]);
  });

  it('sparse: zeros per column (torch) and non-zeros per row (Martens)', () => {
    expect(ex.sparseExample()).toEqual({ torchZeros: 90 * 50, martensNonZero: 15 * 100 });
  });

  it('recurrent: gate blocks, IRNN identity, forget bias, chrono', () => {
    expect(ex.recurrentExample()).toEqual({
      shape: [128, 32],
      irnnTrace: 32,
      forgetSum: 32,
      chronoOpposite: true,
    });
  });

  it('residual: Fixup, GPT-2, gates, T-Fixup', () => {
    const out = ex.residualExample();
    expect(out.branch).toEqual({
      name: 'he_normal',
      mode: 'fan_out',
      nonlinearity: 'relu',
      multiplier: 0.25,
    });
    expect(out.gpt2.multiplier).toBeCloseTo(1 / Math.sqrt(24), 15);
    expect(out.gate).toEqual({ name: 'zeros' });
    expect(out.decoderScale).toBeCloseTo(0.36889397323344053, 12);
  });
});
