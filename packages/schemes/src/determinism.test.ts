import { createRng } from '@init/rng';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../test/catalog';
import { fromConfig, listSchemes } from './registry';

const bits = (a: Float32Array | Float64Array) =>
  Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

describe('determinism', () => {
  it('the catalog covers every registered scheme', () => {
    expect(Object.keys(CATALOG).sort()).toEqual(
      listSchemes()
        .map((s) => s.name)
        .sort(),
    );
  });

  for (const [name, { config, shape }] of Object.entries(CATALOG)) {
    it(`${name}: same seed same bits, seed 0 valid, Rng equals its seed, fill equals call`, () => {
      const init = fromConfig(config);
      for (const dtype of ['float32', 'float64'] as const) {
        const a = init(shape, 0, { dtype });
        const b = init(shape, 0, { dtype });
        expect(a.dtype).toBe(dtype);
        expect(a.data).toBeInstanceOf(dtype === 'float32' ? Float32Array : Float64Array);
        expect(bits(a.data)).toEqual(bits(b.data));
        expect(a.data.every(Number.isFinite)).toBe(true);
        expect(a.shape).toEqual(shape);
        expect(bits(init(shape, createRng(0), { dtype }).data)).toEqual(bits(a.data));
        const out = dtype === 'float32' ? new Float32Array(a.data.length) : new Float64Array(a.data.length);
        expect(init.fill(out, shape, 0)).toBe(out);
        expect(bits(out)).toEqual(bits(a.data));
      }
      if (init.stochastic) {
        expect(bits(init(shape, 1).data)).not.toEqual(bits(init(shape, 0).data));
        expect(bits(init(shape, 'layer1.weight').data)).toEqual(bits(init(shape, 'layer1.weight').data));
      }
    });
  }

  it('per-name forked streams are reproducible and distinct', () => {
    const init = fromConfig('he_normal');
    const root = () => createRng(7);
    const a = init([32, 16], root().fork('encoder.0.weight')).data;
    const a2 = init([32, 16], root().fork('encoder.0.weight')).data;
    const b = init([32, 16], root().fork('encoder.1.weight')).data;
    expect(bits(a)).toEqual(bits(a2));
    expect(bits(a)).not.toEqual(bits(b));
  });

  it('an Rng argument is advanced, so consecutive calls differ', () => {
    const rng = createRng(3);
    const init = fromConfig('xavier_uniform');
    expect(bits(init([4, 4], rng).data)).not.toEqual(bits(init([4, 4], rng).data));
  });
});
