import { describe, expect, it } from 'vitest';
import {
  allocate,
  diagonal,
  eigSymTridiagonal,
  fromArray,
  identity,
  LinalgError,
  matrix,
  qr,
  view,
} from './index';
import { MAX_ELEMENTS } from './limits';

/** `code:argument` of the LinalgError thrown by `fn`, or a description of what happened instead. */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof LinalgError) return `${e.code}:${e.argument}`;
    return `foreign ${(e as Error).name}: ${(e as Error).message}`;
  }
  return 'no error';
}

describe('nothing larger than 2^30 elements is ever allocated', () => {
  const row = new Array(100_000).fill(0);
  it.each([
    ['matrix(65536, 65536)', () => matrix(65536, 65536, { dtype: 'float32' }), 'TOO_LARGE:rows'],
    ['matrix(1e9, 1e9)', () => matrix(1e9, 1e9), 'TOO_LARGE:rows'],
    ['matrix(2^30 + 1, 1)', () => matrix(MAX_ELEMENTS + 1, 1), 'TOO_LARGE:rows'],
    ['allocate(2^31)', () => allocate(2 ** 31, 'float32'), 'TOO_LARGE:length'],
    ['identity(1e5)', () => identity(100_000), 'TOO_LARGE:rows'],
    [
      'fromArray of 1e5 rows sharing one 1e5-entry array',
      () => fromArray(new Array(100_000).fill(row)),
      'TOO_LARGE:rows',
    ],
    ['diagonal of 1e5 values', () => diagonal(new Float64Array(100_000)), 'TOO_LARGE:values'],
    ['diagonal of an object claiming 1e9 values', () => diagonal({ length: 1e9 }), 'TOO_LARGE:values'],
    [
      'eigSymTridiagonal vectors of n = 40000',
      () => eigSymTridiagonal(new Float64Array(40_000), new Float64Array(39_999), { vectors: true }),
      'TOO_LARGE:diag',
    ],
    [
      'eigSymTridiagonal of an object claiming 1e9 entries (fails at its first entry, allocates nothing)',
      () => eigSymTridiagonal({ length: 1e9 }, []),
      'INVALID_ARGUMENT:diag',
    ],
    [
      "a 'complete' Q of a 100000 x 1 matrix",
      () => qr(view(new Float64Array(100_000).fill(1), 100_000, 1), { mode: 'complete' }),
      'TOO_LARGE:a',
    ],
  ])('%s throws before allocating', (_label, call, expected) => {
    const start = performance.now();
    expect(failure(call)).toBe(expected);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('the limit itself is allowed where memory permits (a 2^30 x 0 matrix holds nothing)', () => {
    expect(matrix(MAX_ELEMENTS, 0).rows).toBe(MAX_ELEMENTS);
    expect(failure(() => diagonal({ length: Number.NaN }))).toBe('INVALID_ARGUMENT:values');
    expect(failure(() => diagonal({ length: -1 }))).toBe('INVALID_ARGUMENT:values');
  });

  it('the error states the limit', () => {
    expect(() => matrix(65536, 65536)).toThrow(
      /a 65536 x 65536 matrix would hold 4294967296 elements; at most 1073741824 \(2\^30\)/,
    );
  });
});
