import { AdvisorError } from './errors';

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = keep;
    }
  }
  return row[b.length] as number;
}

/**
 * The allowed key closest to `key` within two edits (case-insensitive Levenshtein distance), for
 * "did you mean" messages.
 *
 * @param key - the unknown key
 * @param allowed - the keys that are accepted
 * @returns the closest allowed key, or undefined when none is within two edits (or the arguments are not a
 *   string and an array of strings)
 * @example
 * ```ts
 * nearestKey('n_layers', ['n_layer', 'n_head']); // => 'n_layer'
 * ```
 */
export function nearestKey(key: string, allowed: readonly string[]): string | undefined {
  if (typeof key !== 'string' || !Array.isArray(allowed) || key.length > 200) return undefined;
  let best: string | undefined;
  let bestD = 3;
  for (const k of allowed) {
    if (typeof k !== 'string') continue;
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/**
 * Throws `INVALID_ARGUMENT` for a key of `value` that is neither in `used` nor in `ignored`, with
 * "did you mean 'x'?" when a used key is close.
 */
export function checkKeys(
  value: Record<string, unknown>,
  used: readonly string[],
  ignored: readonly string[],
  argument: string,
): void {
  for (const key of Object.keys(value)) {
    if (used.includes(key) || ignored.includes(key)) continue;
    const near = nearestKey(key, used);
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${argument}.${key.slice(0, 60)}`,
      `unknown key${near ? ` (did you mean '${near}'?)` : ''}; allowed: ${used.join(', ')}`,
    );
  }
}

/** A positive integer no larger than `max`, or `fallback` when absent. */
export function positiveInt(value: unknown, argument: string, max: number, fallback?: number): number {
  if (value === undefined || value === null) {
    if (fallback !== undefined) return fallback;
    throw new AdvisorError('INVALID_ARGUMENT', argument, `is required: a positive integer up to ${max}`);
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      `must be a positive integer, got ${JSON.stringify(value)?.slice(0, 40) ?? typeof value}`,
    );
  }
  if (value > max) throw new AdvisorError('TOO_LARGE', argument, `is ${value}; at most ${max}`);
  return value;
}
