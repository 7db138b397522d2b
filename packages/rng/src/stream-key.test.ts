import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setFillBackend } from './fill-kernels';
import { createRng, RngError } from './index';
import {
  keyFillBernoulli,
  keyFillNormal,
  keyFillTruncatedNormal,
  keyFillUniform,
  streamKey,
} from './stream-key';

const seed = fc.oneof(fc.integer(), fc.bigInt(), fc.string({ maxLength: 8 }));
const length = fc.integer({ min: 0, max: 300 });
const offset = fc.option(fc.integer({ min: 0, max: 2 ** 40 }), { nil: undefined });
const dtype = fc.constantFrom('float32', 'float64');
const alloc = (d: string, n: number) => (d === 'float32' ? new Float32Array(n) : new Float64Array(n));
const options = (o: number | undefined) => (o === undefined ? undefined : { offset: o });

/** Bit-level equality of two float arrays (NaN-safe, signed zeros distinguished). */
function sameBits(a: Float32Array | Float64Array | Uint8Array, b: Float32Array | Float64Array | Uint8Array) {
  expect(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).toEqual(
    new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
  );
}

describe.each(['wasm', 'ts'] as const)(
  'keyed fills equal a fresh stream bit for bit (%s kernels)',
  (backend) => {
    afterEach(() => setFillBackend(undefined));
    const run = fc.assert;
    const cfg = { seed: 4242, numRuns: 60 };

    it('keyFillNormal', () => {
      setFillBackend(backend);
      run(
        fc.property(
          seed,
          length,
          offset,
          dtype,
          fc.double({ min: -5, max: 5, noNaN: true }),
          (s, n, o, d, m) => {
            sameBits(
              keyFillNormal(streamKey(s), alloc(d, n), m, 0.5, options(o)),
              createRng(s).fillNormal(alloc(d, n), m, 0.5, options(o)),
            );
          },
        ),
        cfg,
      );
    });

    it('keyFillUniform', () => {
      setFillBackend(backend);
      run(
        fc.property(seed, length, offset, dtype, (s, n, o, d) => {
          sameBits(
            keyFillUniform(streamKey(s), alloc(d, n), -2, 3, options(o)),
            createRng(s).fillUniform(alloc(d, n), -2, 3, options(o)),
          );
        }),
        cfg,
      );
    });

    it('keyFillTruncatedNormal, every regime (wide, narrow, one-sided, far tail, below one float32 step)', () => {
      setFillBackend(backend);
      const interval = fc.constantFrom<[number, number]>(
        [-2, 2],
        [-0.1, 0.1],
        [0, Infinity],
        [-Infinity, -1],
        [30, 31],
        [1, 1 + 2 ** -40],
        [0.5, 4],
      );
      run(
        fc.property(seed, length, offset, dtype, interval, (s, n, o, d, [lo, hi]) => {
          sameBits(
            keyFillTruncatedNormal(streamKey(s), alloc(d, n), 0, 1, lo, hi, options(o)),
            createRng(s).fillTruncatedNormal(alloc(d, n), 0, 1, lo, hi, options(o)),
          );
        }),
        cfg,
      );
    });

    it('keyFillBernoulli', () => {
      setFillBackend(backend);
      run(
        fc.property(seed, length, offset, fc.double({ min: 0, max: 1, noNaN: true }), (s, n, o, p) => {
          sameBits(
            keyFillBernoulli(streamKey(s), new Uint8Array(n), p, options(o)),
            createRng(s).fillBernoulli(new Uint8Array(n), p, options(o)),
          );
        }),
        cfg,
      );
    });
  },
);

describe('streamKey and key checks', () => {
  it('is the key of createRng(seed) and is frozen', () => {
    const key = streamKey('encoder.0.weight');
    expect(Object.isFrozen(key)).toBe(true);
    expect(
      createRng('encoder.0.weight')
        .getState()
        .key.startsWith([key.k0, key.k1].map((w) => w.toString(16).padStart(8, '0')).join('')),
    ).toBe(true);
  });

  it('differs between seeds and between values of one seed', () => {
    const a = keyFillNormal(streamKey(1), new Float64Array(64));
    const b = keyFillNormal(streamKey(2), new Float64Array(64));
    expect(a).not.toEqual(b);
    expect(new Set(a).size).toBe(64);
  });

  it('rejects what is not a key, naming it', () => {
    for (const bad of [
      null,
      7,
      {},
      { algorithm: 'philox', k0: -1, k1: 0 },
      { algorithm: 'xoshiro128**', k0: 1, k1: 2 },
      { algorithm: 'philox', k0: 1.5, k1: 0 },
    ]) {
      expect(() => keyFillNormal(bad as never, new Float32Array(2))).toThrow(
        expect.objectContaining({ name: 'RngError', argument: 'key' }),
      );
    }
    const throwing = Object.defineProperty({}, 'algorithm', {
      get: () => {
        throw new Error('boom');
      },
    });
    expect(() => keyFillUniform(throwing as never, new Float32Array(2))).toThrow(RngError);
  });

  it('rejects bad seeds, outputs, parameters and options with the argument named', () => {
    expect(() => streamKey(Number.NaN)).toThrow(expect.objectContaining({ argument: 'seed' }));
    const key = streamKey(3);
    expect(() => keyFillNormal(key, [1, 2] as never)).toThrow(expect.objectContaining({ argument: 'out' }));
    expect(() => keyFillNormal(key, new Float32Array(2), 1e308, 1)).toThrow(
      expect.objectContaining({ code: 'NOT_FINITE' }),
    );
    expect(() => keyFillUniform(key, new Float32Array(2), 0, 1, { ofset: 1 } as never)).toThrow(
      expect.objectContaining({ argument: 'options' }),
    );
    expect(() => keyFillBernoulli(key, new Uint8Array(2), 1.5)).toThrow(
      expect.objectContaining({ argument: 'p' }),
    );
  });
});
