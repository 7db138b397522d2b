import { describe, expect, it } from 'vitest';
import { randomMatrix } from '../test/random-matrix';
import { copy, fromArray, matrix, transpose } from './matrix';
import { isIsometry, orthogonalityError } from './orthogonality';
import { qr } from './qr';

describe('orthogonalityError / isIsometry', () => {
  it('is 0 for permutations and the identity, exact for known deviations', () => {
    expect(
      orthogonalityError(
        fromArray([
          [0, 1],
          [1, 0],
        ]),
      ),
    ).toBe(0);
    expect(orthogonalityError(fromArray([[1, 1]]))).toBe(1);
    expect(orthogonalityError(fromArray([[2], [0]]))).toBe(3);
    expect(
      orthogonalityError(
        fromArray([
          [1, 0.5],
          [0, 1],
        ]),
      ),
    ).toBe(0.5);
  });

  it('uses QQᵀ for wide matrices and agrees with a naive Gram matrix across tile boundaries', () => {
    const a = randomMatrix(300, 270, 2);
    const q = qr(a).q;
    if (!q) throw new Error('unreachable');
    for (let i = 0; i < 300; i++) q.data[i * 270 + 260] = (q.data[i * 270 + 260] as number) * 1.001;
    let naive = 0;
    for (let i = 0; i < 270; i++) {
      for (let j = 0; j < 270; j++) {
        let s = 0;
        for (let k = 0; k < 300; k++) s += (q.data[k * 270 + i] as number) * (q.data[k * 270 + j] as number);
        naive = Math.max(naive, Math.abs(s - (i === j ? 1 : 0)));
      }
    }
    expect(Math.abs(orthogonalityError(q) - naive)).toBeLessThan(1e-14);
    expect(Math.abs(orthogonalityError(transpose(q)) - naive)).toBeLessThan(1e-14);
    expect(Math.abs(orthogonalityError(copy(transpose(q))) - naive)).toBeLessThan(1e-14);
  });

  it('isIsometry uses dtype-aware default tolerances and validates its tolerance', () => {
    const q = qr(randomMatrix(64, 64, 1, 'float32')).q;
    if (!q) throw new Error('unreachable');
    expect(isIsometry(q)).toBe(true);
    expect(isIsometry(q, 0)).toBe(false);
    expect(
      isIsometry(
        fromArray([
          [1, 0],
          [0, 1 + 1e-11],
        ]),
      ),
    ).toBe(false);
    expect(
      isIsometry(
        fromArray([
          [1, 0],
          [0, 1 + 1e-11],
        ]),
        1e-10,
      ),
    ).toBe(true);
    expect(isIsometry(matrix(0, 3))).toBe(true);
    expect(() => isIsometry(q, -1)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'tolerance' }),
    );
    expect(() => orthogonalityError(fromArray([[Number.NaN]]))).toThrow(
      expect.objectContaining({ code: 'NOT_FINITE' }),
    );
  });
});
