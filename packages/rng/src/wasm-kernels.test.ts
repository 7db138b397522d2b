import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from './create-rng';
import { fillBackend, setFillBackend } from './fill-kernels';
import type { FloatArray } from './rng-types';

type Fill = (out: FloatArray, offset: number) => void;
const rng = createRng('parity');
const cases: Record<string, Fill> = {
  uniform: (o, offset) => rng.fillUniform(o, -3, 0.5, { offset }),
  'uniform [0, 1)': (o, offset) => rng.fillUniform(o, 0, 1, { offset }),
  // Beyond the float32 formula's range (span outside float32, span below 2^-102): the double formula.
  'uniform [-3e38, 3e38)': (o, offset) => rng.fillUniform(o, -3e38, 3e38, { offset }),
  'uniform [0, 2^-103)': (o, offset) => rng.fillUniform(o, 0, 2 ** -103, { offset }),
  normal: (o, offset) => rng.fillNormal(o, 0.1, 1.7, { offset }),
  'truncated [-2, 2]': (o, offset) => rng.fillTruncatedNormal(o, 0, 1, -2, 2, { offset }),
  'truncated [0, inf)': (o, offset) =>
    rng.fillTruncatedNormal(o, 0, 1, 0, Number.POSITIVE_INFINITY, { offset }),
  'truncated [0.1, 0.2]': (o, offset) => rng.fillTruncatedNormal(o, 0, 1, 0.1, 0.2, { offset }),
  'truncated [3, 6]': (o, offset) => rng.fillTruncatedNormal(o, 0, 1, 3, 6, { offset }),
  'truncated [8, 9]': (o, offset) => rng.fillTruncatedNormal(o, 0, 1, 8, 9, { offset }),
  'truncated (-inf, -3]': (o, offset) =>
    rng.fillTruncatedNormal(o, 0, 1, Number.NEGATIVE_INFINITY, -3, { offset }),
  'truncated [-1, 1]': (o, offset) => rng.fillTruncatedNormal(o, 0.2, 2, -1, 1, { offset }),
  bernoulli: (o, offset) => rng.fillBernoulli(o, 0.37, { offset }),
};

function bits(a: FloatArray): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

describe.skipIf(fillBackend() !== 'wasm')('WebAssembly SIMD and TypeScript fills are bit-identical', () => {
  afterAll(() => setFillBackend(undefined));
  describe.each(Object.keys(cases))('%s', (name) => {
    it.each([
      [Float32Array, 0, 60_001],
      [Float64Array, 0, 60_001],
      [Float32Array, 4_294_967_293, 9_999],
      [Float64Array, 2 ** 40 + 3, 9_999],
    ] as const)('%o at offset %i, length %i', (Type, offset, length) => {
      const a = new Type(length);
      const b = new Type(length);
      setFillBackend('wasm');
      cases[name]!(a, offset);
      setFillBackend('ts');
      cases[name]!(b, offset);
      setFillBackend(undefined);
      expect(bits(a).equals(bits(b))).toBe(true);
    });
  });
});

describe('backend switch', () => {
  it('uses WebAssembly by default in Node', () => {
    expect(fillBackend()).toBe('wasm');
    setFillBackend('ts');
    expect(fillBackend()).toBe('ts');
    setFillBackend(undefined);
    expect(fillBackend()).toBe('wasm');
  });
});
