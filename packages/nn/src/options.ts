import { describeValue, NnError } from './errors';

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short strings. */
function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const row = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[n] ?? 0;
}

/**
 * The allowed name closest to `given` (case-insensitive edit distance at most a third of its
 * length, at least 1), or `undefined` when none is close.
 *
 * @example
 * ```ts
 * closestName('unit', ['units', 'bias']); // => 'units'
 * ```
 */
export function closestName(given: string, allowed: readonly string[]): string | undefined {
  if (given.length > 64) return undefined;
  const g = given.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of allowed) {
    const d = editDistance(g, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(given.length / 3)) ? best : undefined;
}

/** True for a non-null, non-array object (with or without a prototype). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks an options object: `undefined` reads as `{}`; anything else must be a plain object
 * whose own keys are all in `allowed`. Used by every public function and layer constructor.
 *
 * @param value - The options as given.
 * @param allowed - Known keys.
 * @param argument - Name of the options argument, reported for a non-object.
 * @returns The options as a record (own keys only are read afterwards).
 * @throws {NnError} `INVALID_ARGUMENT` for a non-object or an unknown key, with "did you mean 'x'?"
 *   when a known key is close.
 * @example
 * ```ts
 * checkOptions({ unit: 3 }, ['units'], 'options'); // throws "unit: unknown option 'unit'; did you mean 'units'? ..."
 * ```
 */
export function checkOptions(
  value: unknown,
  allowed: readonly string[],
  argument: string,
): Readonly<Record<string, unknown>> {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    throw new NnError(
      'INVALID_ARGUMENT',
      argument,
      `expected an object { ${allowed.map((k) => `${k}?`).join(', ')} }, got ${describeValue(value)}`,
    );
  }
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'string' && allowed.includes(key)) continue;
    const name = typeof key === 'symbol' ? 'a symbol key' : key;
    const near = typeof key === 'string' ? closestName(key, allowed) : undefined;
    const shown = typeof key === 'string' ? `'${key.length > 60 ? `${key.slice(0, 40)}...` : key}'` : name;
    throw new NnError(
      'INVALID_ARGUMENT',
      typeof key === 'string' ? (key.length > 60 ? `${key.slice(0, 40)}...` : key) : argument,
      `unknown option ${shown}${near ? `; did you mean '${near}'?` : ''}; allowed: ${allowed.join(', ') || 'none'}`,
    );
  }
  return value;
}

/** Reads an own property without invoking getters on the prototype chain. */
function own(options: Readonly<Record<string, unknown>>, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(options, key);
  if (d === undefined) return undefined;
  if (!('value' in d)) throw new NnError('INVALID_ARGUMENT', key, 'must be a data property, not a getter');
  return d.value;
}

/** Limits of a numeric option. */
export interface NumberRule {
  /** Smallest allowed value (inclusive unless `exclusiveMin`). */
  min?: number;
  exclusiveMin?: boolean;
  /** Largest allowed value (inclusive unless `exclusiveMax`). */
  max?: number;
  exclusiveMax?: boolean;
  /** Require a safe integer. */
  integer?: boolean;
}

/**
 * Checks a number against `rule`; `undefined` returns `fallback`.
 *
 * @throws {NnError} `INVALID_ARGUMENT` for a non-number or out-of-range value, `NOT_FINITE` for NaN
 *   or an infinity (unless `max` is Infinity and the value is +Infinity).
 */
export function checkNumber(value: unknown, argument: string, rule: NumberRule, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number') {
    throw new NnError('INVALID_ARGUMENT', argument, `must be a number, got ${describeValue(value)}`);
  }
  if (Number.isNaN(value) || (!Number.isFinite(value) && !(value === Infinity && rule.max === Infinity))) {
    throw new NnError('NOT_FINITE', argument, `must be a finite number, got ${String(value)}`);
  }
  if (rule.integer === true && !Number.isSafeInteger(value)) {
    throw new NnError('INVALID_ARGUMENT', argument, `must be an integer, got ${String(value)}`);
  }
  const { min, max } = rule;
  if (min !== undefined && (rule.exclusiveMin ? value <= min : value < min)) {
    throw new NnError(
      'INVALID_ARGUMENT',
      argument,
      `must be ${rule.exclusiveMin ? '>' : '>='} ${min}, got ${value}`,
    );
  }
  if (max !== undefined && (rule.exclusiveMax ? value >= max : value > max)) {
    throw new NnError(
      'INVALID_ARGUMENT',
      argument,
      `must be ${rule.exclusiveMax ? '<' : '<='} ${max}, got ${value}`,
    );
  }
  return value;
}

/** Reads and checks a numeric option (own data property), with a default. */
export function numberOption(
  options: Readonly<Record<string, unknown>>,
  key: string,
  rule: NumberRule,
  fallback?: number,
): number {
  return checkNumber(own(options, key), key, rule, fallback);
}

/** Reads a boolean option (own data property), with a default. */
export function booleanOption(
  options: Readonly<Record<string, unknown>>,
  key: string,
  fallback: boolean,
): boolean {
  const v = own(options, key);
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean')
    throw new NnError('INVALID_ARGUMENT', key, `must be true or false, got ${describeValue(v)}`);
  return v;
}

/** Reads a string option that must be one of `allowed`, with a default. */
export function choiceOption<T extends string>(
  options: Readonly<Record<string, unknown>>,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = own(options, key);
  if (v === undefined) return fallback;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  const near = typeof v === 'string' ? closestName(v, allowed) : undefined;
  throw new NnError(
    'INVALID_ARGUMENT',
    key,
    `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(v)}${near ? `; did you mean '${near}'?` : ''}`,
  );
}

/** Reads any own data property (for options with their own checks). */
export function rawOption(options: Readonly<Record<string, unknown>>, key: string): unknown {
  return own(options, key);
}

/** Largest element count of one tensor or buffer this package allocates (2^28 floats = 1 GiB). */
export const MAX_ELEMENTS = 2 ** 28;

/**
 * Checks a per-sample shape: an array of at most 8 positive safe integers whose product is at most
 * {@link MAX_ELEMENTS}; returns a frozen copy.
 */
export function checkShape(value: unknown, argument: string): readonly number[] {
  if (!Array.isArray(value)) {
    throw new NnError(
      'INVALID_ARGUMENT',
      argument,
      `must be an array of positive integers, got ${describeValue(value)}`,
    );
  }
  if (value.length > 8)
    throw new NnError('INVALID_ARGUMENT', argument, `at most 8 axes, got ${value.length}`);
  let n = 1;
  const out: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const d: unknown = value[i];
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 1) {
      throw new NnError(
        'INVALID_ARGUMENT',
        argument,
        `axis ${i} must be a positive integer, got ${describeValue(d)}`,
      );
    }
    n *= d;
    if (n > MAX_ELEMENTS)
      throw new NnError('TOO_LARGE', argument, `more than ${MAX_ELEMENTS} elements per sample`);
    out.push(d);
  }
  return Object.freeze(out);
}

/** Product of the axes (1 for a scalar shape). */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
