import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exp, tanh } from './elementary';
import { sigmoidRow, tanhRow } from './elementary-rows';

const sigmoid = (v: number) => 1 / (1 + exp(-v));

/** Every branch edge of exp, expm1 and tanh, in float32, and their neighbours. */
const EDGES = [
  0,
  -0,
  0.35,
  -0.35,
  0.3499999940395355,
  0.7,
  -0.7,
  20,
  -20,
  20.000001907348633,
  -20.000001907348633,
  353.5,
  354,
  -353.5,
  707,
  -707,
  709.782712893384,
  -709.782712893384,
  745.1332191019412,
  -745.1332191019412,
  3e38,
  -3e38,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  1e-45,
  -1e-45,
  1e-20,
];

function bits(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

type Row = typeof sigmoidRow;

/** The row function's output against the scalar function applied to each value, bit for bit. */
function expectSameBits(row: Row, scalar: (x: number) => number, values: Float32Array, offset: number) {
  const n = values.length - offset;
  const out = new Float64Array(n + 3).fill(7);
  row(values, offset, n, out, 2);
  const want = new Float64Array(n + 3).fill(7);
  for (let i = 0; i < n; i++) want[2 + i] = scalar(values[offset + i] as number);
  expect(bits(out)).toBe(bits(want));
}

describe('sigmoidRow and tanhRow', () => {
  it('equal the scalar functions bit for bit at every branch edge, in any position of a group of four', () => {
    const values = Float32Array.from(EDGES.flatMap((e) => [e, 0.25, e, -1.5, 3, e, 0.1]));
    for (const offset of [0, 1, 2, 3, 5]) {
      expectSameBits(sigmoidRow, sigmoid, values, offset);
      expectSameBits(tanhRow, tanh, values, offset);
    }
  });

  it('equal the scalar functions bit for bit on a fine grid over every branch', () => {
    const values = new Float32Array(40_001);
    for (let i = 0; i < values.length; i++) values[i] = (i - 20_000) * 0.00125; // −25 .. 25
    expectSameBits(sigmoidRow, sigmoid, values, 0);
    expectSameBits(tanhRow, tanh, values, 0);
    const wide = values.map((v) => v * 32); // −800 .. 800: exp's overflow and underflow
    expectSameBits(sigmoidRow, sigmoid, wide, 0);
    expectSameBits(tanhRow, tanh, wide, 3);
  });

  it('equal the scalar functions bit for bit on any float32 values (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noDefaultInfinity: false, noNaN: false }), { minLength: 0, maxLength: 40 }),
        fc.nat(3),
        (xs, offset) => {
          const values = Float32Array.from([...Array.from({ length: offset }, () => 0.5), ...xs]);
          expectSameBits(sigmoidRow, sigmoid, values, offset);
          expectSameBits(tanhRow, tanh, values, offset);
        },
      ),
      { seed: 20_261_204, numRuns: 300 },
    );
  });

  it('write only their n outputs', () => {
    const out = new Float64Array(6).fill(-9);
    sigmoidRow(new Float32Array([0, 0, 0]), 1, 2, out, 3);
    expect(Array.from(out)).toEqual([-9, -9, -9, 0.5, 0.5, -9]);
    tanhRow(new Float32Array([0.5]), 0, 1, out, 0);
    expect(out[0]).toBe(0.4621171572600097);
  });
});
