import fc from 'fast-check';

/** Numbers at and beyond every edge: huge, tiny, subnormal, non-finite, negative zero, near-integers. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 300 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      -0,
      1,
      2,
      0.5,
      1e-300,
      5e-324,
      -5e-324,
      1e-12,
      1e6,
      1e12,
      1e20,
      1e100,
      1e300,
      1e306,
      1e308,
      Number.MAX_VALUE,
      -1e308,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      2 ** 31,
      2 ** 32 - 1,
      2 ** 53,
      2 ** 53 + 2,
      10_000,
      10_001,
      100_000,
      1e7,
      0.1 + 0.2,
    ),
  },
);

/** Strings that break naive code: control characters, separators, lone surrogates, prototype names. */
export const weirdString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\n',
    '\u001b[2J',
    '\u2028',
    '\u2029',
    '\u202e',
    '\ud800',
    '\udc00x',
    '\ufeff',
    '__proto__',
    'constructor',
    'toString',
    'prototype',
    'hasOwnProperty',
    '1e400',
    'NaN',
    '-0',
    '{',
    'x'.repeat(300),
  ),
);

/** An object without a prototype, optionally carrying a few entries. */
export const protoless: fc.Arbitrary<object> = fc
  .dictionary(
    fc.constantFrom('name', 'sigmaW2', 'depth', 'layers', 'nmae', 'x'),
    fc.constantFrom(1, 'relu', null),
    {
      maxKeys: 2,
    },
  )
  .map((d) => Object.assign(Object.create(null) as object, d));

/** Anything at all that can arrive from outside, including values JSON cannot hold. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileNumber,
    weirdString,
    fc.constantFrom(null, undefined, true, false, 10n, -(2n ** 70n), Symbol('s'), () => 1, [], {}),
    protoless,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(weirdString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A known key, sometimes misspelled (a letter dropped, doubled or swapped), sometimes a stranger. */
export function keyOf(keys: readonly string[]): fc.Arbitrary<string> {
  const known = fc.constantFrom(...keys);
  return fc.oneof(
    { weight: 6, arbitrary: known },
    {
      weight: 1,
      arbitrary: fc.tuple(known, fc.nat()).map(([k, n]) => {
        const i = n % k.length;
        return n % 3 === 0
          ? k.slice(0, i) + k.slice(i + 1)
          : n % 3 === 1
            ? k.slice(0, i) + k[i] + k.slice(i)
            : `${k}_`;
      }),
    },
    { weight: 1, arbitrary: weirdString },
  );
}

/**
 * An options object over `fields` (each value from its own arbitrary, or hostile), with keys that
 * are sometimes misspelled, or the whole object replaced by a hostile value.
 */
export function hostileOptions(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const keys = Object.keys(fields);
  const entry = keyOf(keys).chain((k) =>
    fc.tuple(
      fc.constant(k),
      fc.oneof(
        { weight: 4, arbitrary: Object.hasOwn(fields, k) ? fields[k]! : hostileValue },
        { weight: 1, arbitrary: hostileValue },
      ),
    ),
  );
  const object = fc.array(entry, { maxLength: keys.length + 1 }).map((pairs) => Object.fromEntries(pairs));
  return fc.oneof(
    { weight: 8, arbitrary: object },
    { weight: 1, arbitrary: object.map((o) => Object.assign(Object.create(null) as object, o)) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** Activation names, parameterized specs, custom functions, or hostile values. */
export const activationArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'relu',
      'tanh',
      'gelu',
      'selu',
      'elu',
      'sigmoid',
      'linear',
      'silu',
      'mish',
      'softplus',
      'leakyRelu',
      'gelu_tanh',
    ),
  },
  {
    weight: 2,
    arbitrary: hostileOptions({
      name: fc.constantFrom('leaky_relu', 'elu', 'relu'),
      slope: hostileNumber,
      alpha: hostileNumber,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      { fn: Math.sin },
      { fn: (x: number) => x * x },
      { fn: () => Number.NaN },
      { fn: (x: number) => Math.exp(x) },
      { fn: () => 'a' },
      {
        fn: () => {
          throw new RangeError('inside');
        },
      },
      { fn: Math.tanh, kinks: [Number.NaN] },
      { fn: Math.tanh, name: Object.create(null) },
    ),
  },
  { weight: 1, arbitrary: hostileValue },
);
