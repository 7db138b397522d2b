import { describe, expect, it } from 'vitest';
import {
  copy,
  diagonal,
  eigSym,
  eigSymTridiagonal,
  fromArray,
  gemm,
  hadamard,
  identity,
  LinalgError,
  matrix,
  qr,
  spectralNorm,
  svd,
  view,
} from './index';
import { closestKey } from './options';

const square = fromArray([
  [2, 1],
  [1, 2],
]);

/** Every public function that takes an options object, called with `options` in its place. */
const takers: [string, (options: unknown) => unknown][] = [
  ['matrix', (o) => matrix(2, 2, o as never)],
  ['view', (o) => view(new Float64Array(4), 2, 2, o as never)],
  ['copy', (o) => copy(square, o as never)],
  ['fromArray', (o) => fromArray([[1]], o as never)],
  ['identity', (o) => identity(2, 2, o as never)],
  ['diagonal', (o) => diagonal([1, 2], o as never)],
  ['hadamard', (o) => hadamard(2, o as never)],
  ['gemm', (o) => gemm(1, square, square, 0, matrix(2, 2), o as never)],
  ['qr', (o) => qr(square, o as never)],
  ['svd', (o) => svd(square, o as never)],
  ['eigSym', (o) => eigSym(square, o as never)],
  ['eigSymTridiagonal', (o) => eigSymTridiagonal([1, 2], [0.5], o as never)],
  ['spectralNorm', (o) => spectralNorm(square, o as never)],
];

function caught(fn: () => unknown): LinalgError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LinalgError) return e;
    throw new Error(`expected a LinalgError, got ${String(e)}`);
  }
  throw new Error('expected a LinalgError, nothing was thrown');
}

describe('options objects', () => {
  it('misspelled keys are rejected with a suggestion: qr mode, matrix dtype', () => {
    const e = caught(() => qr(square, { moed: 'complete' } as never));
    expect([e.code, e.argument]).toEqual(['INVALID_ARGUMENT', 'options']);
    expect(e.message).toMatch(/unknown key "moed" \(did you mean 'mode'\?\)/);
    expect(caught(() => matrix(2, 2, { dtyep: 'float32' } as never)).message).toMatch(
      /did you mean 'dtype'\?/,
    );
    expect(caught(() => gemm(1, square, square, 0, matrix(2, 2), { transa: true } as never)).message).toMatch(
      /did you mean 'transA'\?/,
    );
    expect(caught(() => spectralNorm(square, { tolerence: 1e-3 } as never)).message).toMatch(
      /did you mean 'tolerance'\?/,
    );
  });

  it('a key far from every known key gets the list of known keys and no guess', () => {
    const e = caught(() => svd(square, { banana: 1 } as never));
    expect(e.message).not.toMatch(/did you mean/);
    expect(e.message).toMatch(/known keys are 'computeUV'/);
  });

  for (const [name, call] of takers) {
    it(`${name}: unknown keys, null, non-objects and symbol keys are INVALID_ARGUMENT naming 'options'`, () => {
      for (const bad of [{ zzzz: 1 }, null, 5, 'float32', 1n, Symbol('o'), [1], { [Symbol('k')]: 1 }]) {
        const e = caught(() => call(bad));
        expect([e.code, e.argument]).toEqual(['INVALID_ARGUMENT', 'options']);
      }
    });

    it(`${name}: undefined, {} and objects without a prototype are accepted; inherited keys are ignored`, () => {
      expect(() => call(undefined)).not.toThrow();
      expect(() => call({})).not.toThrow();
      expect(() => call(Object.create(null))).not.toThrow();
      expect(() => call(Object.create({ zzzz: 1 }))).not.toThrow();
    });
  }

  it('boolean options take true, false or undefined (their default) and name themselves otherwise', () => {
    const flags: [string, (v: unknown) => unknown][] = [
      ['computeUV', (v) => svd(square, { computeUV: v as boolean })],
      ['vectors', (v) => eigSym(square, { vectors: v as boolean })],
      ['vectors', (v) => eigSymTridiagonal([2, 2], [1], { vectors: v as boolean })],
    ];
    for (const [argument, call] of flags) {
      for (const bad of [1, 'true', null, 0n]) {
        const e = caught(() => call(bad));
        expect([e.code, e.argument], `${argument} = ${String(bad)}`).toEqual(['INVALID_ARGUMENT', argument]);
      }
    }
    // The defaults: svd computes U and V, the eigensolvers only the values.
    expect(svd(square).u).toBeDefined();
    expect(svd(square, { computeUV: false }).u).toBeUndefined();
    expect(eigSym(square).vectors).toBeUndefined();
    expect(eigSymTridiagonal([2, 2], [1]).vectors).toBeUndefined();
    expect(eigSym(square, { vectors: true }).vectors).toBeDefined();
  });

  it('values of known keys are read from objects without a prototype', () => {
    const o = Object.create(null) as { dtype?: string };
    o.dtype = 'float32';
    expect(matrix(1, 1, o as never).data).toBeInstanceOf(Float32Array);
  });

  it('closestKey: one edit for short keys, two for longer ones, case ignored', () => {
    expect(closestKey('moed', ['mode', 'blockSize', 'precision'])).toBe('mode');
    expect(closestKey('Mode', ['mode'])).toBe('mode');
    expect(closestKey('mdoe', ['mode'])).toBe('mode');
    expect(closestKey('xyz', ['mode'])).toBeUndefined();
    expect(closestKey('precisoin', ['mode', 'precision'])).toBe('precision');
    expect(closestKey('prcsion', ['precision'])).toBe('precision');
    expect(closestKey('blocksz', ['blockSize'])).toBe('blockSize');
    expect(closestKey('x'.repeat(1000), ['mode'])).toBeUndefined();
  });
});

describe('typed errors for hostile values (never a raw TypeError)', () => {
  const odd: unknown[] = [null, undefined, 1n, Symbol('s'), Object.create(null), [], 'x', {}, () => 1];
  const calls: [string, (v: unknown) => unknown][] = [
    ['matrix rows', (v) => matrix(v as number, 2)],
    ['matrix cols', (v) => matrix(2, v as number)],
    ['allocate', (v) => matrix(2, 2, { dtype: v as 'float32' })],
    ['view data', (v) => view(v as Float64Array, 1, 1)],
    ['view offset', (v) => view(new Float64Array(4), 1, 1, { offset: v as number })],
    ['fromArray', (v) => fromArray(v as number[][])],
    ['fromArray row', (v) => fromArray([v as number[]])],
    ['fromArray entry', (v) => fromArray([[v as number]])],
    ['diagonal', (v) => diagonal(v as number[])],
    ['diagonal entry', (v) => diagonal([v as number])],
    ['hadamard', (v) => hadamard(v as number)],
    ['identity', (v) => identity(v as number)],
    ['eigSymTridiagonal', (v) => eigSymTridiagonal(v as number[], [])],
    ['eigSymTridiagonal entry', (v) => eigSymTridiagonal([v as number], [])],
    ['gemm alpha', (v) => gemm(v as number, square, square, 0, matrix(2, 2))],
    ['gemm flag', (v) => gemm(1, square, square, 0, matrix(2, 2), { transA: v as boolean })],
    ['qr mode', (v) => qr(square, { mode: v as 'r' })],
    ['qr blockSize', (v) => qr(square, { blockSize: v as number })],
    ['qr precision', (v) => qr(square, { precision: v as 'float32' })],
    ['svd computeUV', (v) => svd(square, { computeUV: v as boolean })],
    ['eigSym vectors', (v) => eigSym(square, { vectors: v as boolean })],
    ['spectralNorm tolerance', (v) => spectralNorm(square, { tolerance: v as number })],
    ['spectralNorm maxIterations', (v) => spectralNorm(square, { maxIterations: v as number })],
  ];
  for (const [label, call] of calls) {
    it(label, () => {
      for (const v of odd) {
        try {
          call(v);
        } catch (e) {
          expect(e, `${label} with ${typeof v}`).toBeInstanceOf(LinalgError);
          expect(typeof (e as LinalgError).code).toBe('string');
          expect(typeof (e as LinalgError).argument).toBe('string');
        }
      }
    });
  }
});
