import { describe, expect, it } from 'vitest';
import fixture from '../test/fixtures/scales.json';
import { heNormal, heUniform } from './he';
import { fromKerasConfig } from './keras';
import { ceilFraction } from './sparse';
import { varianceScaling } from './variance-scaling';
import { xavierNormal, xavierUniform } from './xavier';

describe('std and bound parity with PyTorch (torch layout)', () => {
  it('xavier_uniform_ / xavier_normal_', () => {
    let n = 0;
    for (const c of fixture.data.torch) {
      for (const x of c.xavier) {
        expect(xavierNormal({ gain: x.gain }).describe(c.shape).std).toBe(x.std);
        expect(xavierUniform({ gain: x.gain }).describe(c.shape).bound).toBe(x.bound);
        n++;
      }
    }
    expect(n).toBeGreaterThan(50);
  });

  it('kaiming_uniform_ / kaiming_normal_ for every mode, nonlinearity and slope', () => {
    let n = 0;
    for (const c of fixture.data.torch) {
      for (const k of c.kaiming) {
        const opts = { mode: k.mode as 'fan_in', nonlinearity: k.nonlinearity as 'relu', slope: k.slope };
        const dn = heNormal(opts).describe(c.shape);
        const du = heUniform(opts).describe(c.shape);
        expect(dn.gain).toBe(k.gain);
        expect(dn.std).toBe(k.std);
        expect(du.bound).toBe(k.bound);
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
  });
});

describe('std and bound parity with the Keras/JAX formulas (keras layout)', () => {
  it('VarianceScaling for every scale, mode and distribution', () => {
    let n = 0;
    for (const c of fixture.data.keras) {
      for (const v of c.variance_scaling) {
        const dist = v.distribution === 'untruncated_normal' ? 'normal' : v.distribution;
        const d = varianceScaling({
          scale: v.scale,
          mode: v.mode as 'fan_in',
          distribution: dist as 'normal',
        }).describe(c.shape, { layout: 'keras' });
        if ('std' in v) expect(d.std, JSON.stringify([c.shape, v])).toBe(v.std);
        if ('bound' in v) expect(d.bound, JSON.stringify([c.shape, v])).toBe(v.bound);
        n++;
      }
    }
    expect(n).toBeGreaterThan(900);
  });

  it('Keras named initializers through fromKerasConfig', () => {
    for (const c of fixture.data.keras) {
      for (const [name, v] of Object.entries(c.named)) {
        const d = fromKerasConfig({ class_name: name, config: { seed: null } }).describe(c.shape, {
          layout: 'keras',
        });
        const ref = v as { std?: number; bound?: number };
        if (ref.std !== undefined) expect(d.std, name).toBe(ref.std);
        if (ref.bound !== undefined) expect(d.bound, name).toBe(ref.bound);
        expect(d.distribution).toBe(ref.std !== undefined ? 'truncated_normal' : 'uniform');
      }
    }
  });
});

describe('sparse zero counts', () => {
  it('equal ceil(sparsity · rows) on the exact decimal; PyTorch rounds up four fixture cases further', () => {
    let differ = 0;
    for (const c of fixture.data.sparse_zeros) {
      expect(ceilFraction(c.sparsity, c.rows), JSON.stringify(c)).toBe(c.exact);
      if (c.torch !== c.exact) differ++;
    }
    expect(differ).toBe(4);
  });
});
