import { describe, expect, it } from 'vitest';
import { type DecompositionCase, loadFixture } from '../test/fixtures';
import { identity } from './identity';
import { fromArray, matrix } from './matrix';
import { conditionNumber, effectiveRank, rank, stableRank } from './spectrum';

const fixtures = loadFixture<{ cases: DecompositionCase[] }>('decompositions.json').cases;

describe('conditionNumber, stableRank, effectiveRank, rank', () => {
  it('closed-form examples', () => {
    expect(
      conditionNumber(
        fromArray([
          [2, 0],
          [0, 0.5],
        ]),
      ),
    ).toBeCloseTo(4, 14);
    // A singular matrix has no finite condition number: NOT_FINITE, never Infinity.
    expect(() =>
      conditionNumber(
        fromArray([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toThrow(/is singular/);
    expect(conditionNumber(matrix(0, 0))).toBe(1);
    expect(
      stableRank(
        fromArray([
          [2, 0],
          [0, 1],
        ]),
      ),
    ).toBeCloseTo(1.25, 14);
    expect(stableRank(matrix(2, 2))).toBe(0);
    expect(effectiveRank(identity(3))).toBeCloseTo(3, 13);
    expect(
      effectiveRank(
        fromArray([
          [5, 0],
          [0, 0],
        ]),
      ),
    ).toBeCloseTo(1, 14);
    // p = (2/3, 1/3): exp(H) with H = −(2/3 ln 2/3 + 1/3 ln 1/3).
    const h = -((2 / 3) * Math.log(2 / 3) + (1 / 3) * Math.log(1 / 3));
    expect(
      effectiveRank(
        fromArray([
          [2, 0],
          [0, 1],
        ]),
      ),
    ).toBeCloseTo(Math.exp(h), 14);
    expect(effectiveRank(matrix(0, 4))).toBe(0);
    expect(
      rank(
        fromArray([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toBe(1);
    expect(rank(matrix(3, 3))).toBe(0);
    expect(
      rank(
        fromArray([
          [1, 0],
          [0, 1e-3],
        ]),
        1e-2,
      ),
    ).toBe(1);
  });

  it('rank matches numpy matrix_rank on the fixtures', () => {
    for (const c of fixtures) expect(rank(fromArray(c.a)), c.name).toBe(c.rank);
  });

  it('condition number of the cond-1e12 fixture is 1e12 to 1e-3 relative', () => {
    const c = fixtures.find((x) => x.name === 'ill_conditioned_8x8_cond1e12') as DecompositionCase;
    expect(Math.abs(conditionNumber(fromArray(c.a)) / 1e12 - 1)).toBeLessThan(1e-3);
  });

  it('validates the tolerance and finiteness', () => {
    expect(() => rank(fromArray([[1]]), -1)).toThrow(expect.objectContaining({ argument: 'tolerance' }));
    expect(() => stableRank(fromArray([[Number.NaN]]))).toThrow(
      expect.objectContaining({ code: 'NOT_FINITE' }),
    );
  });
});
