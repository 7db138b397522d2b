import fc from 'fast-check';
import { RngError } from '../src/errors';

/** Longest a single call may take before the contract counts it as a hang (not a performance bound). */
export const CALL_TIME_LIMIT_MS = 2000;

/** fast-check settings shared by every contract property: fixed seed, bounded runs. */
export const FUZZ = { seed: 20261202, numRuns: 150 } as const;

/** Why a call broke the contract, or undefined when it kept it. */
export type Breach = string | undefined;

/** Checks that a returned value holds no non-finite number (numbers, float arrays, arrays of them). */
export function nonFinite(value: unknown): Breach {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `returned ${value}`;
  if (value instanceof Float32Array || value instanceof Float64Array) {
    const bad = value.findIndex((v) => !Number.isFinite(v));
    return bad < 0 ? undefined : `returned ${value[bad]} at index ${bad}`;
  }
  return undefined;
}

/** Checks a thrown value: only RngError with a string code and argument. */
export function badThrow(error: unknown): Breach {
  if (!(error instanceof RngError)) {
    const name = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
    return `threw ${name}, not an RngError`;
  }
  if (typeof error.code !== 'string' || typeof error.argument !== 'string' || error.argument === '') {
    return 'threw an RngError without a code or argument';
  }
  return undefined;
}

/**
 * Runs `call` once and reports how it broke the contract: a throw other than a typed RngError, a non-finite
 * output, or a run longer than `limitMs`. (A call that never returns is stopped by the test runner's timeout.)
 */
export function breach(call: () => unknown, limitMs = CALL_TIME_LIMIT_MS): Breach {
  const start = performance.now();
  let problem: Breach;
  try {
    problem = nonFinite(call());
  } catch (error) {
    problem = badThrow(error);
  }
  const elapsed = performance.now() - start;
  if (problem === undefined && elapsed > limitMs) problem = `took ${elapsed.toFixed(0)} ms`;
  return problem;
}

/** Async form of {@link breach} for promise-returning calls. */
export async function breachAsync(
  call: () => Promise<unknown>,
  limitMs = CALL_TIME_LIMIT_MS,
): Promise<Breach> {
  const start = performance.now();
  let problem: Breach;
  try {
    problem = nonFinite(await call());
  } catch (error) {
    problem = badThrow(error);
  }
  const elapsed = performance.now() - start;
  if (problem === undefined && elapsed > limitMs) problem = `took ${elapsed.toFixed(0)} ms`;
  return problem;
}

/** A value without a prototype (breaks naive `String(x)` and template literals). */
export const bare = (entries: Record<string, unknown> = {}): object =>
  Object.assign(Object.create(null) as object, entries);

/** Numbers that break naive checks: signed zeros, subnormals, huge values, non-finite, counts past limits. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    -2.5,
    5e-324,
    -5e-324,
    1e-300,
    1e17,
    1e300,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    3.4028234663852886e38,
    1e39,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    2 ** 28 + 1,
    2 ** 32 - 1,
    2 ** 32,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    1e9,
    1e12,
  ),
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
);

/** Anything at all a careless caller could pass. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  fc.constantFrom(
    null,
    undefined,
    true,
    '',
    '3',
    'philox',
    'float64',
    '\ud800',
    Symbol('s'),
    10n,
    -(2n ** 70n),
    [],
    [1, 2],
    {},
    () => 1,
    new Float32Array(3),
    new Uint8Array(2),
    { length: 1e9 },
    { length: Number.NaN },
    { length: -1 },
    { ofset: 1 },
    { algoritm: 'alea' },
    { dtyep: 'float64' },
    { offset: -1 },
    { offset: 2 ** 53 },
    { dtype: 'int8' },
    { thread: 2 },
  ),
  fc.constant(null).map(() => bare()),
  fc.constant(null).map(() => bare({ offset: 1 })),
  fc.bigInt(),
  fc.string({ maxLength: 8 }),
);

/** A hostile value half of the time, otherwise a value from `valid` (so calls also get past the first check). */
export const or = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 1, arbitrary: hostile }, { weight: 1, arbitrary: valid as fc.Arbitrary<unknown> });

/** Small output arrays of every kind a fill accepts or must reject. */
export const smallOut: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((n) => new Float32Array(n)),
  fc.integer({ min: 0, max: 40 }).map((n) => new Float64Array(n)),
  fc.integer({ min: 0, max: 8 }).map((n) => new Uint8Array(n)),
  hostile,
);

/** Small counts (valid for allocating forms) or hostile ones. */
export const count: fc.Arbitrary<unknown> = or(fc.integer({ min: 0, max: 64 }));

/** Options objects: valid ones, misspelled ones, and hostile values. */
export const fillOptions: fc.Arbitrary<unknown> = or(
  fc.oneof(
    fc.constant(undefined),
    fc.record({ offset: fc.integer({ min: 0, max: 1000 }) }),
    fc.record({ offset: fc.integer({ min: 0, max: 1000 }), dtype: fc.constantFrom('float32', 'float64') }),
  ),
);
