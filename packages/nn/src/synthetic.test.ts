import { createRng } from '@init/rng';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NnError } from './errors';
import { gaussianBlobs } from './synthetic-blobs';
import { circles } from './synthetic-circles';
import { spirals } from './synthetic-spirals';
import { xor } from './synthetic-xor';

// 4.89 standard errors: a two-sided normal tail of 1e-6.
const Z = 4.89;

function thrown(f: () => unknown): NnError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(NnError);
    return error as NnError;
  }
  throw new Error('expected an NnError');
}

function moments(values: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  const mean = s / values.length;
  let v = 0;
  for (let i = 0; i < values.length; i++) v += ((values[i] as number) - mean) ** 2;
  return { mean, variance: v / (values.length - 1) };
}

const generators = {
  spirals: (o: object) => spirals(o as never),
  xor: (o: object) => xor(o as never),
  circles: (o: object) => circles(o as never),
  gaussianBlobs: (o: object) => gaussianBlobs(o as never),
};

describe('synthetic sets: shared behaviour', () => {
  it.each(Object.entries(generators))(
    '%s: same seed, same bits; an Rng equals its seed; classes interleaved',
    (_name, make) => {
      const a = make({ n: 301, rng: 7 });
      const b = make({ n: 301, rng: createRng(7) });
      expect(a.x).toEqual(b.x);
      expect(a.y).toEqual(b.y);
      expect(make({ n: 301, rng: 8 }).x).not.toEqual(a.x);
      expect(a.shape[0]).toBe(301);
      expect(a.yShape).toEqual([301]);
      expect(a.x.length).toBe(301 * (a.shape[1] as number));
      const classes = a.classes as number;
      for (let j = 0; j < 301; j++)
        expect(a.y[j]).toBe(_name === 'xor' ? (j & 1) ^ ((j >> 1) & 1) : j % classes);
      for (const v of a.x) expect(Number.isFinite(v)).toBe(true);
      expect(make({ n: 0, rng: 1 }).x.length).toBe(0);
    },
  );

  it.each(Object.entries(generators))(
    '%s: noise is exactly sigma times standard normals drawn first',
    (_name, make) => {
      const n = 4000;
      const sigma = 0.3;
      const clean = make({ n, rng: 11, noise: 0 });
      const noisy = make({ n, rng: 11, noise: sigma });
      const z = new Float64Array(clean.x.length);
      for (let i = 0; i < z.length; i++) z[i] = ((noisy.x[i] as number) - (clean.x[i] as number)) / sigma;
      // The first draws of the stream are the noise, one float32 normal per coordinate.
      const expected = createRng(11).fillNormal(new Float32Array(_name === 'gaussianBlobs' ? 0 : z.length));
      if (expected.length > 0) for (let i = 0; i < 8; i++) expect(z[i]).toBeCloseTo(expected[i] as number, 4);
      const { mean, variance } = moments(z);
      expect(Math.abs(mean)).toBeLessThan(Z / Math.sqrt(z.length));
      // Var of a sample variance of normals: 2 / (m - 1).
      expect(Math.abs(variance - 1)).toBeLessThan(Z * Math.sqrt(2 / (z.length - 1)));
    },
  );

  it.each(Object.entries(generators))(
    '%s: only NnError for hostile options, in bounded time',
    (_name, make) => {
      const value = fc
        .oneof(
          fc.integer(),
          fc.double(),
          fc.constantFrom(2 ** 53, 1e300, -1, Number.NaN, Infinity, -0, 2 ** 31),
          fc.bigInt(),
          fc.string(),
          fc.constant(null),
          fc.constant(Object.create(null)),
          fc.anything(),
        )
        .filter((v) => !(typeof v === 'number' && v > 300 && v < 2 ** 27));
      const options = fc.record(
        {
          n: fc.oneof(fc.integer({ min: 0, max: 300 }), value),
          rng: fc.oneof(fc.integer(), value),
          noise: value,
          classes: value,
          turns: value,
          dims: value,
          box: value,
          nosie: value,
        },
        { requiredKeys: ['n', 'rng'] },
      );
      fc.assert(
        fc.property(options, (o) => {
          const t0 = performance.now();
          try {
            const data = make(o);
            for (const v of data.x)
              if (!Number.isFinite(v)) throw new Error(`non-finite output for ${String(o)}`);
          } catch (error) {
            expect(error).toBeInstanceOf(NnError);
          }
          expect(performance.now() - t0).toBeLessThan(2000);
        }),
        { numRuns: 150, seed: 30 },
      );
      for (const bad of [undefined, null, 5, 'x', [], Object.create(null)]) {
        expect(thrown(() => make(bad as never)).code).toBe('INVALID_ARGUMENT');
      }
      expect(thrown(() => make({ n: 2 ** 28, rng: 1 })).code).toBe('TOO_LARGE');
      expect(thrown(() => make({ n: 10 })).argument).toBe('rng');
      expect(thrown(() => make({ n: 10, rng: 1, nosie: 1 })).message).toMatch(/did you mean 'noise'/);
      expect(thrown(() => make({ n: 10, rng: 1, noise: -1 })).argument).toBe('noise');
      expect(thrown(() => make({ n: 10, rng: Number.POSITIVE_INFINITY })).code).toBe('NOT_FINITE');
    },
  );
});

describe('spirals', () => {
  it('places sample i of each arm at radius (i + 0.5) / m, arms a half turn apart', () => {
    const data = spirals({ n: 200, rng: 1, noise: 0, turns: 1 });
    expect(data.shape).toEqual([200, 2]);
    expect(data.classes).toBe(2);
    for (let j = 0; j < 200; j++) {
      const i = Math.floor(j / 2);
      const r = (i + 0.5) / 100;
      expect(Math.hypot(data.x[2 * j] as number, data.x[2 * j + 1] as number)).toBeCloseTo(r, 6);
    }
    // Sample 0 (arm 0) and sample 1 (arm 1) sit at the same radius, opposite each other.
    expect(data.x[0]).toBeCloseTo(-(data.x[2] as number), 6);
    expect(data.x[1]).toBeCloseTo(-(data.x[3] as number), 6);
    const three = spirals({ n: 9, rng: 1, classes: 3 });
    expect(Array.from(three.y)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
  });
});

describe('xor', () => {
  it('gives the truth table at the corners without noise', () => {
    const data = xor({ n: 4, rng: 1, noise: 0 });
    expect(Array.from(data.x)).toEqual([-1, -1, 1, -1, -1, 1, 1, 1]);
    expect(Array.from(data.y)).toEqual([0, 1, 1, 0]);
    expect(data.classes).toBe(2);
  });
});

describe('circles', () => {
  it('puts ring k at radius 1 - k/K with uniform angles', () => {
    const data = circles({ n: 3000, rng: 3, noise: 0, classes: 3 });
    const quadrant = [0, 0, 0, 0];
    for (let j = 0; j < 3000; j++) {
      const px = data.x[2 * j] as number;
      const py = data.x[2 * j + 1] as number;
      expect(Math.hypot(px, py)).toBeCloseTo(1 - (j % 3) / 3, 6);
      const q = (px >= 0 ? 0 : 1) + (py >= 0 ? 0 : 2);
      quadrant[q] = (quadrant[q] as number) + 1;
    }
    // Each quadrant holds a quarter: binomial(3000, 1/4) within 4.89 standard deviations.
    for (const q of quadrant) expect(Math.abs(q - 750)).toBeLessThan(Z * Math.sqrt(3000 * 0.25 * 0.75));
  });
});

describe('gaussianBlobs', () => {
  it('draws centres in the box and samples around them with the given spread', () => {
    const data = gaussianBlobs({ n: 6000, rng: 5, classes: 3, dims: 4, noise: 2, box: 3 });
    expect(data.shape).toEqual([6000, 4]);
    expect(data.centers.length).toBe(12);
    for (const c of data.centers) expect(Math.abs(c)).toBeLessThanOrEqual(3);
    // The centres are the stream's first 12 uniforms in [-3, 3).
    const u = createRng(5).fillUniform(new Float64Array(12), -3, 3);
    expect(Array.from(data.centers)).toEqual(Array.from(u, (v) => Math.fround(v)));
    for (let k = 0; k < 3; k++) {
      for (let t = 0; t < 4; t++) {
        const values: number[] = [];
        for (let j = k; j < 6000; j += 3) values.push(data.x[j * 4 + t] as number);
        const { mean, variance } = moments(values);
        expect(Math.abs(mean - (data.centers[k * 4 + t] as number))).toBeLessThan((Z * 2) / Math.sqrt(2000));
        expect(Math.abs(variance / 4 - 1)).toBeLessThan(Z * Math.sqrt(2 / 1999));
      }
    }
    const still = gaussianBlobs({ n: 3, rng: 1, noise: 0 });
    expect(Array.from(still.x)).toEqual(Array.from(still.centers));
    expect(thrown(() => gaussianBlobs({ n: 1, rng: 1, classes: 1024, dims: 65536 })).argument).toBe('dims');
  });
});
