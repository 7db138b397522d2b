import { describeValue, InitError } from './errors';
import { toSnake } from './gain';
import { keyArgument, unknownKeyMessage } from './option-keys';

/** How one parameter of a scheme is validated. */
export type ParamType =
  | {
      readonly type: 'number';
      readonly min?: number;
      readonly max?: number;
      readonly exclusiveMin?: boolean;
      readonly exclusiveMax?: boolean;
      /**
       * An interval end that may be absent: `null` (the JSON form), or `-Infinity` for a
       * `'lower'` end and `+Infinity` for an `'upper'` one, is accepted and stored as `null`.
       */
      readonly unbounded?: 'lower' | 'upper';
    }
  | { readonly type: 'integer'; readonly min?: number }
  | {
      readonly type: 'enum';
      readonly values: readonly string[];
      readonly synonyms?: Readonly<Record<string, string>>;
    }
  | { readonly type: 'gate_order' };

/** A parameter value as stored in a JSON config. */
export type ParamValue = number | string | readonly string[] | null;

/** One parameter of a scheme: snake_case name, default, and documentation. */
export type ParamSpec = ParamType & {
  /** snake_case name used in configs (camelCase accepted on input). */
  readonly name: string;
  /** Default value; `undefined` marks a required parameter. */
  readonly default: ParamValue | undefined;
  /** One line of documentation. */
  readonly doc: string;
  /** Other accepted spellings (e.g. PyTorch's `a` for the leaky slope). */
  readonly aliases?: readonly string[];
};

/** Parsed parameters, keyed by snake_case name. */
export type Params = Readonly<Record<string, ParamValue>>;

/** The `multiplier` every scheme accepts. */
export const MULTIPLIER_PARAM: ParamSpec = {
  name: 'multiplier',
  type: 'number',
  default: 1,
  doc: 'Every output value is multiplied by this (Fixup, GPT-2 1/sqrt(2N), muP scalings).',
};

function rangeText(t: ParamType & { type: 'number' | 'integer' }): string {
  const parts: string[] = [];
  if (t.min !== undefined) parts.push(`${t.type === 'number' && t.exclusiveMin ? '>' : '>='} ${t.min}`);
  if (t.type === 'number' && t.max !== undefined) parts.push(`${t.exclusiveMax ? '<' : '<='} ${t.max}`);
  return parts.length > 0 ? ` ${parts.join(' and ')}` : '';
}

/** Validates one value against its spec; `argument` names it in errors. */
export function checkParam(spec: ParamSpec, value: unknown, scheme: string): ParamValue {
  const argument = spec.name;
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const what = `${spec.type === 'integer' ? 'an integer' : 'a finite number'}${rangeText(spec)}`;
      if (value === null && spec.default === null) return null;
      if (spec.type === 'number' && spec.unbounded !== undefined) {
        const infinite = spec.unbounded === 'lower' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
        if (value === null || value === infinite) return null;
      }
      if (typeof value !== 'number') {
        throw new InitError(
          'INVALID_ARGUMENT',
          argument,
          `${scheme}: must be ${what}, got ${describeValue(value)}`,
        );
      }
      if (Number.isNaN(value) || (!Number.isFinite(value) && spec.type === 'number')) {
        const absent =
          spec.type === 'number' && spec.unbounded !== undefined
            ? ` (or ${spec.unbounded === 'lower' ? '-Infinity' : 'Infinity'} or null for no ${spec.unbounded} bound)`
            : '';
        throw new InitError('NOT_FINITE', argument, `${scheme}: must be ${what}${absent}, got ${value}`);
      }
      if (spec.type === 'integer' && !Number.isSafeInteger(value)) {
        throw new InitError('INVALID_ARGUMENT', argument, `${scheme}: must be ${what}, got ${value}`);
      }
      const lowOk =
        spec.min === undefined ||
        (spec.type === 'number' && spec.exclusiveMin ? value > spec.min : value >= spec.min);
      const highOk =
        spec.type !== 'number' ||
        spec.max === undefined ||
        (spec.exclusiveMax ? value < spec.max : value <= spec.max);
      if (!lowOk || !highOk) {
        throw new InitError('INVALID_ARGUMENT', argument, `${scheme}: must be ${what}, got ${value}`);
      }
      return value;
    }
    case 'enum': {
      if (typeof value === 'string') {
        const v = toSnake(value);
        const mapped = spec.synonyms?.[v] ?? v;
        if (spec.values.includes(mapped)) return mapped;
      }
      throw new InitError(
        'INVALID_ARGUMENT',
        argument,
        `${scheme}: must be one of ${spec.values.map((v) => `'${v}'`).join(', ')}, got ${describeValue(value)}`,
      );
    }
    case 'gate_order': {
      const list: unknown[] | undefined =
        typeof value === 'string' ? [...value] : Array.isArray(value) ? (value as unknown[]) : undefined;
      const gates = list
        ?.map((g) => (typeof g === 'string' ? g.toLowerCase() : ''))
        .map((g) => (g === 'c' ? 'g' : g));
      if (
        !gates ||
        gates.length === 0 ||
        gates.some((g) => !/^[a-z]$/.test(g)) ||
        new Set(gates).size !== gates.length
      ) {
        throw new InitError(
          'INVALID_ARGUMENT',
          argument,
          `${scheme}: must list distinct one-letter gate names, e.g. 'ifgo' or ['i', 'f', 'g', 'o'] (PyTorch LSTM), 'rzn' (GRU); got ${describeValue(value)}`,
        );
      }
      return gates;
    }
  }
}

/**
 * Parses a raw parameter object (snake_case or camelCase keys, `name` ignored) against the specs:
 * every key must be known, every value valid, missing ones take their defaults.
 *
 * @throws {InitError} `INVALID_ARGUMENT` naming the unknown or invalid key, listing what is allowed.
 */
export function parseParams(scheme: string, specs: readonly ParamSpec[], raw: unknown): Params {
  if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'options',
      `${scheme}: must be an object, got ${describeValue(raw)}`,
    );
  }
  const given = new Map<string, unknown>();
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (key === 'name' || value === undefined) continue;
    const k = toSnake(key);
    const spec = specs.find((s) => s.name === k || s.aliases?.includes(k));
    if (!spec) {
      throw new InitError(
        'INVALID_ARGUMENT',
        keyArgument(key),
        unknownKeyMessage(
          key,
          specs.map((s) => s.name),
          `a parameter of ${scheme}`,
        ),
      );
    }
    if (given.has(spec.name)) {
      throw new InitError('INVALID_ARGUMENT', keyArgument(key), `${scheme}: ${spec.name} is given twice`);
    }
    given.set(spec.name, value);
  }
  const out: Record<string, ParamValue> = {};
  for (const spec of specs) {
    if (given.has(spec.name)) out[spec.name] = checkParam(spec, given.get(spec.name), scheme);
    else if (spec.default === undefined) {
      throw new InitError('INVALID_ARGUMENT', spec.name, `${scheme}: is required (${spec.doc})`);
    } else out[spec.name] = spec.default;
  }
  return out;
}

/** Reads a numeric parameter. */
export function num(p: Params, name: string): number {
  return p[name] as number;
}

/** Reads a string parameter. */
export function str(p: Params, name: string): string {
  return p[name] as string;
}
