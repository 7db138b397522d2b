/**
 * Typed fields of the URL state: each parses one raw hash value (a string the user may have written by
 * hand, or an attacker) into a value of its type, or rejects it with a reason, and formats a value back.
 * Parsing never evaluates anything: numbers go through a strict pattern, names through a fixed list.
 */

/** A rejected value: the reason is shown to the user as plain text. */
export interface Invalid {
  readonly invalid: string;
}

/** One key of the URL state. */
export interface Field<T> {
  readonly default: T;
  parse(raw: string): T | Invalid;
  format(value: T): string;
}

/** The value type of a field. */
export type FieldValue<F> = F extends Field<infer T> ? T : never;

export function isInvalid(v: unknown): v is Invalid {
  return typeof v === 'object' && v !== null && 'invalid' in v;
}

const NUMBER_PATTERN = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A number written in plain decimal or exponent notation, nothing else (no hex, no `Infinity`, no spaces). */
export function parseStrictNumber(raw: string): number | Invalid {
  if (raw.length > 32 || !NUMBER_PATTERN.test(raw)) return { invalid: 'is not a number' };
  const v = Number(raw);
  if (!Number.isFinite(v)) return { invalid: 'is not a finite number' };
  return v;
}

/** A number in [min, max] (integers only when `integer`). */
export function numberField(min: number, max: number, fallback: number, integer = false): Field<number> {
  return {
    default: fallback,
    parse(raw) {
      const v = parseStrictNumber(raw);
      if (isInvalid(v)) return v;
      if (integer && !Number.isInteger(v)) return { invalid: 'must be a whole number' };
      if (v < min || v > max) return { invalid: `must lie in [${min}, ${max}]` };
      return v;
    },
    format: (v) => String(v),
  };
}

/** One of a fixed list of names. */
export function enumField<const T extends string>(values: readonly T[], fallback: T): Field<T> {
  return {
    default: fallback,
    parse(raw) {
      return (values as readonly string[]).includes(raw)
        ? (raw as T)
        : { invalid: `must be one of ${values.join(', ')}` };
    },
    format: (v) => v,
  };
}

/** `true`/`false` (also `1`/`0`). */
export function boolField(fallback: boolean): Field<boolean> {
  return {
    default: fallback,
    parse(raw) {
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      return { invalid: 'must be true or false' };
    },
    format: (v) => (v ? 'true' : 'false'),
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
const MARKUP = /[<>`]|javascript:|data:|vbscript:/i;

/** Free text of at most `maxLength` characters, without control characters, markup or script URLs. */
export function textField(maxLength: number, fallback: string): Field<string> {
  return {
    default: fallback,
    parse(raw) {
      if (raw.length > maxLength) return { invalid: `is longer than ${maxLength} characters` };
      if (CONTROL.test(raw)) return { invalid: 'contains control characters' };
      if (MARKUP.test(raw)) return { invalid: 'looks like markup or a script URL' };
      return raw;
    },
    format: (v) => v,
  };
}

/** A comma-separated list of 1 to `maxItems` items, each parsed by `item`. */
export function listField<T>(
  item: (raw: string) => T | Invalid,
  formatItem: (v: T) => string,
  maxItems: number,
  fallback: readonly T[],
): Field<readonly T[]> {
  return {
    default: fallback,
    parse(raw) {
      const parts = raw.split(',');
      if (raw.length === 0 || parts.length > maxItems) {
        return { invalid: `must list 1 to ${maxItems} items separated by commas` };
      }
      const out: T[] = [];
      for (const p of parts) {
        const v = item(p);
        if (isInvalid(v)) return { invalid: `item "${p.slice(0, 24)}" ${v.invalid}` };
        out.push(v);
      }
      return out;
    },
    format: (v) => v.map(formatItem).join(','),
  };
}
