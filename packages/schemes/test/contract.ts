import fc from 'fast-check';
import { expect } from 'vitest';
import { InitError } from '../src/errors';

/** The codes an InitError may carry. */
export const CODES = ['INVALID_ARGUMENT', 'SHAPE_MISMATCH', 'UNSUPPORTED', 'NOT_FINITE', 'TOO_LARGE'];

/** Generous bound on one call: a hang detector, not a performance assertion. */
export const CALL_LIMIT_MS = 5000;

/** A broken promise found by {@link checkContract}. */
export class ContractViolation extends Error {}

/** Whether every number reachable in `value` (typed arrays, arrays, plain objects) is finite. */
export function allFinite(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth > 4 || value === null || typeof value !== 'object') return true;
  if (ArrayBuffer.isView(value)) {
    const a = value as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v === 'number' && !Number.isFinite(v)) return false;
    }
    return true;
  }
  return Object.values(value).every((v) => allFinite(v, depth + 1));
}

/**
 * Runs `call` and checks the contract: it returns within {@link CALL_LIMIT_MS}, with every number of
 * its result finite (unless `finiteResult` is false), or throws an InitError with one of
 * {@link CODES} and a non-empty string argument. Returns the result or the error.
 */
export function checkContract(call: () => unknown, finiteResult = true): unknown {
  const start = performance.now();
  let outcome: unknown;
  let threw = false;
  try {
    outcome = call();
  } catch (e) {
    threw = true;
    outcome = e;
  }
  const elapsed = performance.now() - start;
  if (elapsed > CALL_LIMIT_MS) throw new ContractViolation(`call took ${elapsed.toFixed(0)} ms`);
  if (threw) {
    if (!(outcome instanceof InitError)) {
      throw new ContractViolation(
        `threw ${String((outcome as Error)?.name)}: ${String((outcome as Error)?.message)}`,
      );
    }
    if (!CODES.includes(outcome.code) || typeof outcome.argument !== 'string' || outcome.argument === '') {
      throw new ContractViolation(
        `InitError without a valid code or argument: ${outcome.code} ${outcome.argument}`,
      );
    }
    return outcome;
  }
  if (finiteResult && !allFinite(outcome)) throw new ContractViolation('returned a non-finite number');
  return outcome;
}

/** Fixed seed and bounded runs, so the suite is deterministic and fast. */
export function runProperty(property: fc.IProperty<unknown>, numRuns: number): void {
  fc.assert(property, { seed: Number(process.env.FUZZ_SEED ?? 20260815), numRuns, endOnFailure: true });
}

/** Numbers chosen to break things: NaN, infinities, huge, tiny, negative zero, just past float32. */
export const hostileNumber = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    1e39,
    -1e39,
    3.5e38,
    5e-324,
    -0,
    0,
    1,
    -1,
    0.5,
    2 ** 53,
    2 ** 32 - 1,
    1e9,
    -7,
    2.5,
  ),
  fc.double(),
  fc.integer({ min: -5, max: 70 }),
);

/**
 * Values of the wrong kind: null, BigInt, symbols, prototype-less objects, arrays, functions. (A
 * proxy or getter that throws its own error is the caller's error, and passes through.)
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  fc.constantFrom(
    null,
    undefined,
    true,
    '',
    'relu',
    'fan_in',
    '1',
    'inf',
    '\ud800',
    1n,
    -(2n ** 70n),
    [],
    [1, 2],
    {},
  ),
  fc.constant(null).map(() => Object.create(null) as unknown),
  fc.constant(null).map(() => Symbol('hostile') as unknown),
  fc.constant(null).map(() => (() => 1) as unknown),
  fc.string({ maxLength: 8 }),
);

/** Shapes: valid and small, empty, huge, negative, fractional, NaN, non-arrays. */
export const hostileShape: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 0, maxLength: 5 }) },
  {
    weight: 3,
    arbitrary: fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), hostileNumber), {
      minLength: 1,
      maxLength: 4,
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom([1e9, 1e9], [65536, 65536], [2 ** 31, 2], [2 ** 53, 2 ** 53, 0]) },
  { weight: 1, arbitrary: hostileValue },
);

/** A key of `known`, or a misspelling of one (a letter dropped, swapped or doubled), or garbage. */
export function keyOf(known: readonly string[]): fc.Arbitrary<string> {
  const base = fc.constantFrom(...(known.length > 0 ? known : ['x']));
  return fc.oneof(
    { weight: 5, arbitrary: base },
    {
      weight: 2,
      arbitrary: fc.tuple(base, fc.nat(), fc.constantFrom('drop', 'swap', 'double')).map(([k, i, how]) => {
        const p = i % Math.max(1, k.length);
        if (how === 'drop') return k.slice(0, p) + k.slice(p + 1);
        if (how === 'double') return k.slice(0, p) + k[p] + k.slice(p);
        return k.slice(0, p) + (k[p + 1] ?? '') + (k[p] ?? '') + k.slice(p + 2);
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('__proto__', 'constructor', 'name', 'toString', 'dtyp', 'stddev'),
    },
  );
}

/** Option objects over `known` keys (and misspellings) with valid-looking or hostile values. */
export function hostileOptions(known: readonly string[], good: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.dictionary(keyOf(known), fc.oneof(good, hostileValue), { maxKeys: 4 }) },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(keyOf(known), good, { maxKeys: 3 })
        .map((o) => Object.assign(Object.create(null) as object, o)),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** Checks that the checker itself catches each kind of broken promise. */
export function expectCheckerToCatch(): void {
  expect(() =>
    checkContract(() => {
      throw new TypeError('x is not a function');
    }),
  ).toThrow(ContractViolation);
  expect(() => checkContract(() => ({ data: new Float32Array([Number.POSITIVE_INFINITY]) }))).toThrow(
    ContractViolation,
  );
  expect(() =>
    checkContract(() => {
      throw new InitError('INVALID_ARGUMENT', '', 'no argument');
    }),
  ).toThrow(ContractViolation);
  expect(checkContract(() => 1)).toBe(1);
}
