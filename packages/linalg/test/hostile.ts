import fc from 'fast-check';

/**
 * fast-check arbitraries of hostile arguments for the contract fuzz suite: malformed matrix-like
 * objects, valid small matrices with extreme entries, odd values where numbers, arrays or options
 * belong, and misspelled option keys.
 */

/** Values that are not numbers, arrays or objects a function expects. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, 'x', '2', '', [], [1, 2], () => 1),
  fc.constant(Symbol('hostile')),
  fc.bigInt({ min: -5n, max: 5n }),
  fc.constant(Object.create(null) as unknown),
  fc.constant({}),
);

/**
 * Sizes, offsets and strides: small valid integers most of the time, else negative, fractional,
 * non-finite or huge ones. Huge values are at least 2^31, so that any product with a positive
 * size exceeds the 2^30-element limit and nothing big is ever allocated.
 */
export const hostileInt: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 9 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      -1,
      -0,
      0.5,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      2 ** 31,
      2 ** 53,
      2 ** 60,
      1e300,
    ),
  },
  { weight: 1, arbitrary: oddValue },
);

/** Entries: ordinary, huge finite (near 1e308), subnormal, zero, and rarely NaN or ±Infinity. */
export const entry = (withNonFinite: boolean): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(1e307, -1e307, 1.7e308, -8e307, 3e38, 1e-310, -5e-324, 2e-308, 0, -0),
    },
    {
      weight: withNonFinite ? 1 : 0,
      arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -Infinity),
    },
  );

/** A valid `rows x cols` matrix (float32 or float64, maybe transposed or offset) with finite or arbitrary entries. */
export const validMatrix = (
  maxSize: number,
  withNonFinite: boolean,
): fc.Arbitrary<{
  data: Float32Array | Float64Array;
  rows: number;
  cols: number;
  offset: number;
  rowStride: number;
  colStride: number;
}> =>
  fc
    .record({
      rows: fc.integer({ min: 0, max: maxSize }),
      cols: fc.integer({ min: 0, max: maxSize }),
      f32: fc.boolean(),
      transposed: fc.boolean(),
      offset: fc.integer({ min: 0, max: 3 }),
      entries: fc.array(entry(withNonFinite), {
        minLength: maxSize * maxSize + 3,
        maxLength: maxSize * maxSize + 3,
      }),
    })
    .map(({ rows, cols, f32, transposed, offset, entries }) => {
      const data = f32 ? new Float32Array(entries) : new Float64Array(entries);
      return transposed
        ? { data, rows, cols, offset, rowStride: 1, colStride: Math.max(1, rows) }
        : { data, rows, cols, offset, rowStride: Math.max(1, cols), colStride: 1 };
    });

/**
 * Matrix-like objects with wrong, huge, negative or fractional fields over a small buffer, and
 * objects whose fields are all small integers but whose view does not fit its buffer (or has
 * more elements than it: zero and overlapping strides).
 */
export const malformedMatrix: fc.Arbitrary<unknown> = fc.oneof(
  // Zero strides repeat a few elements over a huge view: valid extent, impossible element count.
  fc
    .record({
      length: fc.integer({ min: 1, max: 4 }),
      rows: fc.constantFrom(1, 3, 2 ** 31, 2 ** 40),
      cols: fc.constantFrom(1, 2, 2 ** 31),
    })
    .map(
      ({ length, rows, cols }) =>
        ({ data: new Float64Array(length), rows, cols, offset: 0, rowStride: 0, colStride: 0 }) as unknown,
    ),
  fc
    .record({
      length: fc.integer({ min: 0, max: 12 }),
      f32: fc.boolean(),
      rows: fc.integer({ min: 0, max: 6 }),
      cols: fc.integer({ min: 0, max: 6 }),
      offset: fc.integer({ min: 0, max: 6 }),
      rowStride: fc.integer({ min: 0, max: 7 }),
      colStride: fc.integer({ min: 0, max: 3 }),
    })
    .map(
      ({ length, f32, ...layout }) =>
        ({ data: f32 ? new Float32Array(length) : new Float64Array(length), ...layout }) as unknown,
    ),
  fc
    .record({
      data: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 16 }).map((n) => new Float64Array(n)) },
        { weight: 2, arbitrary: fc.integer({ min: 0, max: 16 }).map((n) => new Float32Array(n)) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>([1, 2, 3], new Int32Array(4), null, 'data') },
      ),
      rows: hostileInt,
      cols: hostileInt,
      offset: hostileInt,
      rowStride: hostileInt,
      colStride: hostileInt,
    })
    .map((m) => m as unknown),
  oddValue,
  fc.constant([[1, 2]] as unknown),
);

/** Option objects: undefined, null, odd values, known keys with hostile values, misspelled keys. */
export const hostileOptions = (known: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> => {
  const keys = Object.keys(known);
  const misspell = (k: string): string =>
    k.length > 2 ? `${k.charAt(1)}${k.charAt(0)}${k.slice(2)}` : `${k}x`;
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.record(known, { requiredKeys: [] }) },
    {
      weight: 2,
      arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof(oddValue, hostileInt)])), {
        requiredKeys: [],
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom(...keys).map((k) => ({ [misspell(k)]: 1 }) as unknown) },
    {
      weight: 1,
      arbitrary: fc.constant(undefined).map(() => {
        const o = Object.create(null) as Record<string, unknown>;
        o[keys[0] as string] = undefined;
        return o as unknown;
      }),
    },
    { weight: 1, arbitrary: oddValue },
  );
};
